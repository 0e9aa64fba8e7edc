package io.useranalytics.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AcceptedRangeTest {
    private final Instant now = Instant.parse("2026-11-27T12:00:00Z");
    private final AcceptedRange range =
            new AcceptedRange(Instant.EPOCH, Duration.ofDays(1), Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void accepts_the_epoch_old_backfills_and_up_to_one_day_ahead() {
        assertThat(range.check(GivenTimestamp.ofEpochMilli(0))).isNotNull();
        assertThat(range.check(EventTimestamps.parse("1224567997"))).isNotNull();
        assertThat(
                        range.check(
                                GivenTimestamp.ofEpochMilli(
                                        now.plus(Duration.ofDays(1)).toEpochMilli())))
                .isNotNull();
    }

    @Test
    void rejects_instants_before_the_epoch() {
        assertThatThrownBy(() -> range.check(EventTimestamps.parse("-1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "timestamp 1969-12-31T23:59:59Z is before the earliest accepted 1970-01-01T00:00:00Z");
    }

    @Test
    void rejects_instants_more_than_the_allowance_ahead() {
        GivenTimestamp tooLate =
                GivenTimestamp.ofEpochMilli(now.plus(Duration.ofDays(1)).toEpochMilli() + 1);

        assertThatThrownBy(() -> range.check(tooLate))
                .hasMessage(
                        "timestamp 2026-11-28T12:00:00.001Z is more than 24 h ahead of the server clock");
    }
}
