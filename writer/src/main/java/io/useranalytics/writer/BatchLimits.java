package io.useranalytics.writer;

import io.useranalytics.common.config.Env;
import java.time.Duration;
import java.util.Objects;

/** When a batch is written: at {@code maxEvents} records, or {@code maxAge} after its first. */
public record BatchLimits(int maxEvents, Duration maxAge) {
    public BatchLimits {
        Objects.requireNonNull(maxAge, "maxAge == null");
    }

    static BatchLimits from(Env env) {
        return new BatchLimits(
                env.integer("WRITER_BATCH_MAX_EVENTS", 100_000, 1, 100_000),
                env.millis(
                        "WRITER_BATCH_MAX_AGE_MS",
                        Duration.ofMillis(200),
                        Duration.ofMillis(1),
                        Duration.ofMinutes(1)));
    }
}
