package io.useranalytics.writer;

import static io.useranalytics.testsupport.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyEncoderTest {
    private final CopyEncoder encoder = new CopyEncoder();

    @Test
    void encodes_one_tab_separated_row_per_event_with_the_internal_user_id() {
        var events =
                List.of(
                        anEvent()
                                .user("3")
                                .at(Instant.parse("2008-10-21T05:46:37Z"))
                                .click()
                                .build(),
                        anEvent()
                                .user("x y")
                                .at(Instant.parse("2008-10-21T05:46:38.250Z"))
                                .impression()
                                .build());

        byte[] rows = encoder.encode(events, Map.of("3", 11L, "x y", 12L));

        assertThat(new String(rows, StandardCharsets.UTF_8))
                .isEqualTo(
                        "2008-10-21T05:46:37Z\t11\tclick\n2008-10-21T05:46:38.250Z\t12\timpression\n");
    }

    @Test
    void refuses_an_event_whose_user_has_no_id() {
        assertThatThrownBy(() -> encoder.encode(List.of(anEvent().user("u9").build()), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no id for user u9");
    }
}
