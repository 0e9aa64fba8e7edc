package io.useranalytics.writer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * One phase of writing a batch (users, offsets, event ids, copy, rollups, commit), timed as timer
 * {@code writer.batch.phase} tagged by phase: where a batch's time goes.
 */
final class BatchPhase {
    private final Timer timer;

    BatchPhase(MeterRegistry registry, String phase) {
        timer = Timer.builder("writer.batch.phase").tag("phase", phase).register(registry);
    }

    /** Records the time since {@code start}; returns now, the start of the next phase. */
    long lap(long start) {
        long now = System.nanoTime();
        timer.record(now - start, TimeUnit.NANOSECONDS);
        return now;
    }
}
