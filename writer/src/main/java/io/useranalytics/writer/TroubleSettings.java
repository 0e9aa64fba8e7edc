package io.useranalytics.writer;

import io.useranalytics.common.config.Env;
import java.time.Duration;
import java.util.Objects;

/**
 * What the writer does in trouble: the longest pause between retries of a failed write, how long
 * without progress before readiness fails, and what to do at an offset gap.
 */
public record TroubleSettings(
        Duration retryMaxDelay, Duration stallAfter, OffsetGapPolicy offsetGap) {
    public TroubleSettings {
        Objects.requireNonNull(retryMaxDelay, "retryMaxDelay == null");
        Objects.requireNonNull(stallAfter, "stallAfter == null");
        Objects.requireNonNull(offsetGap, "offsetGap == null");
    }

    static TroubleSettings from(Env env) {
        return new TroubleSettings(
                env.millis(
                        "WRITER_RETRY_MAX_MS",
                        Duration.ofSeconds(30),
                        Duration.ofMillis(100),
                        Duration.ofMinutes(10)),
                Duration.ofSeconds(env.integer("WRITER_STALL_SECONDS", 60, 1, 86_400)),
                OffsetGapPolicy.from(env));
    }
}
