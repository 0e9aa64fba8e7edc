package io.useranalytics.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserIdsTest {
    @Test
    void accepts_any_printable_id_up_to_256_characters() {
        String longest = "ü".repeat(256);

        assertThat(UserIds.check(longest)).isEqualTo(longest);
        assertThat(UserIds.check("user 3")).isEqualTo("user 3");
    }

    @Test
    void rejects_empty_overlong_and_control_character_ids() {
        assertThatThrownBy(() -> UserIds.check("")).hasMessage("user is empty");
        assertThatThrownBy(() -> UserIds.check("u".repeat(257)))
                .hasMessage("user is 257 characters long; the maximum is 256");
        assertThatThrownBy(() -> UserIds.check("a\u0000b"))
                .hasMessage("user contains a control character");
    }
}
