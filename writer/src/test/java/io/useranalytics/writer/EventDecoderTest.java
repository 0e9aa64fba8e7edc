package io.useranalytics.writer;

import static io.useranalytics.writer.Records.click;
import static io.useranalytics.writer.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.record.AcceptedRange;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
    private final Instant now = Instant.parse("2026-11-27T12:00:00Z");
    private final EventDecoder decoder =
            new EventDecoder(
                    new AcceptedRange(
                            Instant.EPOCH, Duration.ofDays(1), Clock.fixed(now, ZoneOffset.UTC)));

    @Test
    void decodes_a_valid_record_with_its_position() {
        Decoded decoded = decoder.decode(record(2, 41, click("u1", 1224567997000L)));

        assertThat(decoded)
                .isEqualTo(
                        new Decoded.Valid(
                                new Event(
                                        Instant.ofEpochMilli(1224567997000L),
                                        "u1",
                                        EventKind.CLICK),
                                new TopicPartition("analytics.events", 2),
                                41));
    }

    @Test
    void rejects_a_tombstone() {
        Decoded decoded = decoder.decode(record(0, 7, null));

        assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
        assertThat(((Decoded.Rejected) decoded).reason())
                .isEqualTo("value: record has no value (a tombstone)");
        assertThat(decoded.offset()).isEqualTo(7);
    }

    @Test
    void rejects_bad_json_with_the_field_and_reason() {
        Decoded decoded =
                decoder.decode(record(0, 8, "{\"timestamp\":1,\"user\":\"u\",\"event\":\"view\"}"));

        assertThat(((Decoded.Rejected) decoded).reason())
                .isEqualTo("event: event 'view' is not click or impression");
    }

    @Test
    void rejects_timestamps_outside_the_accepted_range() {
        long twoDaysAhead = now.plus(Duration.ofDays(2)).toEpochMilli();

        Decoded decoded = decoder.decode(record(0, 9, click("u1", twoDaysAhead)));

        assertThat(((Decoded.Rejected) decoded).reason())
                .isEqualTo(
                        "timestamp: timestamp 2026-11-29T12:00:00Z is more than 24 h ahead of the server clock");
    }
}
