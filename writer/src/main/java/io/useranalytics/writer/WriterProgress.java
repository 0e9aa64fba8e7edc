package io.useranalytics.writer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.common.health.ReadinessCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the writer gets anywhere: records wait (read and not stored, or lag on the topic) and
 * nothing has been stored for {@code stallAfter} means it is stuck, and readiness says so with the
 * last failure; gauge {@code writer_stalled_seconds} says for how long (0 while it is not). The
 * poll thread reports; readiness checks and the gauge read. A poll thread that has not reported for
 * {@code stallAfter} (blocked in a call to a database that stopped answering) counts as one whose
 * records wait since its last report: it cannot say so itself.
 */
final class WriterProgress {
    private final Duration stallAfter;
    private final Clock clock;
    private volatile Instant lastStored;
    private volatile Instant lastObserved;
    private volatile Optional<Instant> waitingSince = Optional.empty();
    private volatile long lag;
    private volatile String lastFailure = "no write has failed";

    WriterProgress(Duration stallAfter, Clock clock, MeterRegistry registry) {
        this.stallAfter = Objects.requireNonNull(stallAfter, "stallAfter == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.lastStored = clock.instant();
        this.lastObserved = lastStored;
        Gauge.builder("writer.stalled", this, progress -> progress.stalled().toSeconds())
                .description("seconds records have waited with nothing stored, past the bound")
                .baseUnit("seconds")
                .register(registry);
    }

    /** What the poll loop sees now: whether records wait, and the topic's lag it knows of. */
    void observe(boolean recordsWait, long lagNow, Instant now) {
        lastObserved = now;
        lag = lagNow;
        if (!recordsWait) {
            waitingSince = Optional.empty();
        } else if (waitingSince.isEmpty()) {
            waitingSince = Optional.of(now);
        }
    }

    void stored(Instant now) {
        lastStored = now;
    }

    void failed(Exception e) {
        lastFailure = WriteFailure.of(e).description() + ": " + e.getMessage();
    }

    ReadinessCheck readiness() {
        return new ReadinessCheck("writer", this::blocker);
    }

    private Optional<String> blocker() {
        Duration stalled = stalled();
        if (stalled.isZero()) {
            return Optional.empty();
        }
        return Optional.of(
                String.format(
                        "the writer has stored nothing for %d s while records wait (lag %,d);"
                                + " last failure: %s",
                        stalled.toSeconds(), lag, lastFailure));
    }

    /** How long records have waited with nothing stored, if that is at least the bound; else 0. */
    private Duration stalled() {
        Instant now = clock.instant();
        Optional<Instant> since = waitingSince.or(() -> silentSince(now));
        if (since.isEmpty()) {
            return Duration.ZERO;
        }
        Instant from = since.get().isAfter(lastStored) ? since.get() : lastStored;
        Duration stalled = Duration.between(from, now);
        return stalled.compareTo(stallAfter) >= 0 ? stalled : Duration.ZERO;
    }

    /** When the poll thread last reported, if that is longer ago than the bound. */
    private Optional<Instant> silentSince(Instant now) {
        Instant observed = lastObserved;
        return Duration.between(observed, now).compareTo(stallAfter) >= 0
                ? Optional.of(observed)
                : Optional.empty();
    }
}
