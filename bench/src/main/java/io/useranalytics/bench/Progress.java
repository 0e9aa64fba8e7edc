package io.useranalytics.bench;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Prints a line every few seconds with what is done, the rate and the time left: until {@code
 * total} is done at this rate, or until the time limit if one comes first. One thread.
 */
final class Progress {
    private static final long EVERY_NANOS = 3_000_000_000L;

    private final PrintStream out;
    private final String task;
    private final long total;
    private final long started = System.nanoTime();
    private final long limitNanos;
    private long lastPrinted = started;

    Progress(PrintStream out, String task, long total) {
        this(out, task, total, Long.MAX_VALUE);
    }

    Progress(PrintStream out, String task, long total, Duration limit) {
        this(out, task, total, limit.toNanos());
    }

    private Progress(PrintStream out, String task, long total, long limitNanos) {
        this.out = out;
        this.task = task;
        this.total = total;
        this.limitNanos = limitNanos;
        out.printf("  %s ...%n", task);
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrinted < EVERY_NANOS) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - started) / 1e9;
        double rate = done / seconds;
        double untilLimit = (limitNanos - (now - started)) / 1e9;
        String eta =
                total > 0 && rate > 0
                        ? String.format(", ETA %.0f s", Math.min((total - done) / rate, untilLimit))
                        : "";
        out.printf("  %s: %,d of %,d, %,.0f/s%s%n", task, done, total, rate, eta);
    }
}
