package io.useranalytics.common.config;

import io.useranalytics.record.AcceptedRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which event timestamps are accepted: from TIMESTAMP_EARLIEST (default the epoch) up to
 * TIMESTAMP_MAX_AHEAD_SECONDS (default one day) past the server clock.
 */
public record TimestampConfig(Instant earliest, Duration maxAhead) {
    private static final Pattern ISO_INSTANT =
            Pattern.compile(
                    "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");

    public TimestampConfig {
        Objects.requireNonNull(earliest, "earliest == null");
        Objects.requireNonNull(maxAhead, "maxAhead == null");
    }

    public static TimestampConfig from(Env env) {
        String earliest =
                env.matching(
                        "TIMESTAMP_EARLIEST",
                        "1970-01-01T00:00:00Z",
                        ISO_INSTANT,
                        "an ISO-8601 UTC instant such as 2020-01-01T00:00:00Z");
        return new TimestampConfig(
                Instant.parse(earliest),
                Duration.ofSeconds(
                        env.integer("TIMESTAMP_MAX_AHEAD_SECONDS", 86_400, 0, 366 * 86_400)));
    }

    /** From {@code earliest} up to {@code maxAhead} past the system clock. */
    public AcceptedRange acceptedRange() {
        return new AcceptedRange(earliest, maxAhead, Clock.systemUTC());
    }
}
