package io.useranalytics.writer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * One phase of writing a batch (users, and the store's {@link
 * io.useranalytics.store.batch.BatchPhase}s), timed as timer {@code writer.batch.phase} tagged by
 * phase: where a batch's time goes.
 */
final class BatchPhaseTimer {
    private final Timer timer;

    BatchPhaseTimer(MeterRegistry registry, String phase) {
        timer = Timer.builder("writer.batch.phase").tag("phase", phase).register(registry);
    }

    void record(long nanos) {
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records the time since {@code start}; returns now. */
    long lap(long start) {
        long now = System.nanoTime();
        record(now - start);
        return now;
    }
}
