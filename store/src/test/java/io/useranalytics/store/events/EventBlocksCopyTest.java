package io.useranalytics.store.events;

import static io.useranalytics.testsupport.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.record.Event;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary COPY rows of table {@code event_blocks}, byte by byte. */
class EventBlocksCopyTest {
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int SMALLINT = 21;
    private static final int INTEGER = 23;

    @Test
    void encodes_a_row_per_second_in_time_order_with_the_events_of_that_second() {
        var events =
                List.of(
                        anEvent()
                                .user("a")
                                .at(Instant.parse("2008-10-21T05:46:39.007Z"))
                                .click()
                                .build(),
                        anEvent()
                                .user("b")
                                .at(Instant.parse("2008-10-21T05:46:38.250Z"))
                                .impression()
                                .build(),
                        anEvent().user("c").at(Instant.parse("2008-10-21T05:46:39.999Z")).build());

        EventBlocks blocks = new EventBlocks();
        long userId = 11;
        for (Event event : events) {
            blocks.add(event.timestamp(), userId++, event.kind());
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        blocks.writeCopy(encoded);
        ByteBuffer copy = ByteBuffer.wrap(encoded.toByteArray());

        byte[] signature = new byte[11];
        copy.get(signature);
        assertThat(signature)
                .isEqualTo("PGCOPY\n\u00ff\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(copy.getInt()).as("flags").isZero();
        assertThat(copy.getInt()).as("header extension").isZero();
        assertThat(row(copy)).isEqualTo("2008-10-21T05:46:38Z offsets [250] users [12] kinds [1]");
        assertThat(row(copy))
                .isEqualTo("2008-10-21T05:46:39Z offsets [7, 999] users [11, 13] kinds [0, 0]");
        assertThat(copy.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(copy.hasRemaining()).isFalse();
    }

    @Test
    void refuses_a_user_id_the_integer_column_cannot_hold() {
        Event event = anEvent().build();
        assertThatThrownBy(() -> new EventBlocks().add(event.timestamp(), 1L << 31, event.kind()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user id 2147483648 is outside 0..2147483647");
    }

    private static String row(ByteBuffer copy) {
        assertThat(copy.getShort()).as("fields").isEqualTo((short) 4);
        assertThat(copy.getInt()).isEqualTo(8);
        Instant second = Instant.EPOCH.plusNanos((copy.getLong() + POSTGRES_EPOCH_MICROS) * 1000);
        return second
                + " offsets "
                + array(copy, SMALLINT)
                + " users "
                + array(copy, INTEGER)
                + " kinds "
                + array(copy, SMALLINT);
    }

    private static List<Integer> array(ByteBuffer copy, int elementType) {
        int bytes = copy.getInt();
        int start = copy.position();
        assertThat(copy.getInt()).as("dimensions").isEqualTo(1);
        assertThat(copy.getInt()).as("has nulls").isZero();
        assertThat(copy.getInt()).as("element type").isEqualTo(elementType);
        int count = copy.getInt();
        assertThat(copy.getInt()).as("lower bound").isEqualTo(1);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = copy.getInt();
            values.add(size == 2 ? copy.getShort() : copy.getInt());
        }
        assertThat(copy.position() - start).as("array length").isEqualTo(bytes);
        return values;
    }
}
