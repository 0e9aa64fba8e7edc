package io.useranalytics.writer.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.store.StorageMode;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.retention.EventExpiry;
import io.useranalytics.store.retention.Horizon;
import io.useranalytics.store.retention.RetainedData;
import io.useranalytics.store.retention.RetentionPass;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the retention: moves each kind of data's horizon (from when on query-api answers it) to
 * now minus its retention, and removes what lies more than {@link #GRACE} behind the horizon
 * ({@link RetentionPass}: old rollup rows by granularity, old events in bulk through {@link
 * EventExpiry}, whole day partitions or TimescaleDB chunks). Idempotent; run at start-up and
 * periodically, a failed run is logged and the next one tries again.
 */
public final class Retention implements Runnable {
    /**
     * How long data outlives its horizon: longer than query-api may answer from a horizon it read
     * earlier, so no answer ever counts data that is gone.
     */
    public static final Duration GRACE = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final RetentionPass pass;
    private final RetentionConfig config;
    private final Clock clock;
    private final Counter failures;
    private final AtomicLong lastApplied = new AtomicLong();

    /**
     * Meters: {@code writer_retention_failures_total}, and {@code
     * writer_retention_last_applied_seconds} (epoch seconds of the last run that succeeded, 0
     * before the first): a retention that keeps failing lets the disk fill, so alert on its age.
     */
    public Retention(
            RetentionPass pass, RetentionConfig config, Clock clock, MeterRegistry registry) {
        this.pass = Objects.requireNonNull(pass, "pass == null");
        this.config = Objects.requireNonNull(config, "config == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.failures =
                Counter.builder("writer.retention.failures")
                        .description("retention runs that failed")
                        .register(registry);
        Gauge.builder("writer.retention.last.applied", lastApplied, AtomicLong::get)
                .description("epoch seconds of the last retention run that succeeded")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * How old events go in {@code mode} under {@code config}: TimescaleDB's policy drops a chunk
     * {@link #GRACE} after its events pass the retention, as this removes rollups.
     */
    public static EventExpiry eventExpiry(StorageMode mode, RetentionConfig config) {
        return EventExpiry.of(
                mode,
                config.of(RetainedData.EVENTS).map(kept -> kept.plus(GRACE)),
                config.compressAfter());
    }

    @Override
    public void run() {
        try {
            RetentionPass.Applied applied = apply();
            lastApplied.set(clock.instant().getEpochSecond());
            if (!applied.isEmpty()) {
                log.info("retention applied: {}", applied);
            }
        } catch (StoreException e) {
            failures.increment();
            log.warn("applying the retention failed; the next run retries: {}", e.getMessage());
        }
    }

    public RetentionPass.Applied apply() throws StoreException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Horizon> moved = new ArrayList<>();
        Map<RetainedData, Instant> cutoffs = new EnumMap<>(RetainedData.class);
        for (RetainedData data : RetainedData.values()) {
            Optional<Duration> kept = config.of(data);
            if (kept.isPresent()) {
                moved.add(new Horizon(data, now.minus(kept.get()), config.setting(data)));
                cutoffs.put(data, now.minus(kept.get()).minus(GRACE));
            }
        }
        return pass.apply(moved, cutoffs, now);
    }
}
