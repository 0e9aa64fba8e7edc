package io.useranalytics.common.config;

import io.useranalytics.common.event.AcceptedRange;
import java.time.Duration;
import java.util.Objects;

/** Which event timestamps are accepted: TIMESTAMP_MAX_AHEAD_SECONDS past the server clock. */
public record TimestampConfig(Duration maxAhead) {
    public TimestampConfig {
        Objects.requireNonNull(maxAhead, "maxAhead == null");
    }

    public static TimestampConfig from(Env env) {
        return new TimestampConfig(
                Duration.ofSeconds(
                        env.integer("TIMESTAMP_MAX_AHEAD_SECONDS", 86_400, 0, 366 * 86_400)));
    }

    /** From the epoch up to {@code maxAhead} past the system clock. */
    public AcceptedRange acceptedRange() {
        return AcceptedRange.fromEpochTo(maxAhead);
    }
}
