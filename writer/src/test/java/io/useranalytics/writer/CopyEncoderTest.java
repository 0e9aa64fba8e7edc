package io.useranalytics.writer;

import static io.useranalytics.testsupport.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyEncoderTest {
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final CopyEncoder encoder = new CopyEncoder();

    @Test
    void encodes_binary_copy_rows_with_the_internal_user_id_and_the_enum_label() {
        var events =
                List.of(
                        anEvent()
                                .user("3")
                                .at(Instant.parse("2008-10-21T05:46:38.250Z"))
                                .impression()
                                .build());

        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        encoder.encode(events, new long[] {11}, encoded);
        ByteBuffer copy = ByteBuffer.wrap(encoded.toByteArray());

        byte[] signature = new byte[11];
        copy.get(signature);
        assertThat(signature)
                .isEqualTo("PGCOPY\n\u00ff\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(copy.getInt()).as("flags").isZero();
        assertThat(copy.getInt()).as("header extension").isZero();
        assertThat(copy.getShort()).as("fields").isEqualTo((short) 3);
        assertThat(copy.getInt()).isEqualTo(8);
        assertThat(copy.getLong())
                .isEqualTo(
                        Instant.parse("2008-10-21T05:46:38.250Z").toEpochMilli() * 1000
                                - POSTGRES_EPOCH_MICROS);
        assertThat(copy.getInt()).isEqualTo(8);
        assertThat(copy.getLong()).isEqualTo(11);
        byte[] label = new byte[copy.getInt()];
        copy.get(label);
        assertThat(new String(label, StandardCharsets.UTF_8)).isEqualTo("impression");
        assertThat(copy.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(copy.hasRemaining()).isFalse();
    }

    @Test
    void refuses_ids_that_do_not_match_the_events() {
        assertThatThrownBy(
                        () ->
                                encoder.encode(
                                        List.of(anEvent().build()),
                                        new long[0],
                                        new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("0 user ids for 1 events");
    }
}
