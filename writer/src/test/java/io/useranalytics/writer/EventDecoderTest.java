package io.useranalytics.writer;

import static io.useranalytics.writer.Records.click;
import static io.useranalytics.writer.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.common.config.Env;
import io.useranalytics.record.AcceptedRange;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import io.useranalytics.writer.retention.RetentionConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
    private final Instant now = Instant.parse("2026-11-27T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final EventDecoder decoder =
            new EventDecoder(
                    new AcceptedRange(Instant.EPOCH, Duration.ofDays(1), clock),
                    RetentionConfig.from(new Env(Map.of("RETENTION_HOUR_ROLLUPS_DAYS", "0"))),
                    clock);

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

    @Test
    void keeps_an_old_event_while_some_retention_keeps_it() {
        Decoded decoded = decoder.decode(record(0, 10, click("u1", 1224567997000L)));

        assertThat(decoded).isInstanceOf(Decoded.Valid.class);
    }

    @Test
    void rejects_an_event_older_than_everything_the_retention_keeps_naming_the_longest() {
        EventDecoder keepingTwoYears =
                new EventDecoder(
                        new AcceptedRange(Instant.EPOCH, Duration.ofDays(1), clock),
                        RetentionConfig.from(new Env(Map.of())),
                        clock);
        long beforeAll = now.minus(Duration.ofDays(730)).minus(Duration.ofHours(2)).toEpochMilli();
        long inTheLastHour = now.minus(Duration.ofDays(730)).toEpochMilli();

        Decoded old = keepingTwoYears.decode(record(0, 11, click("u1", beforeAll)));
        Decoded kept = keepingTwoYears.decode(record(0, 12, click("u1", inTheLastHour)));

        assertThat(((Decoded.Rejected) old).reason())
                .isEqualTo(
                        "timestamp: timestamp 2024-11-27T10:00:00Z is older than everything the"
                                + " retention keeps (RETENTION_DAY_ROLLUPS_DAYS=730)");
        assertThat(kept).isInstanceOf(Decoded.Valid.class);
    }
}
