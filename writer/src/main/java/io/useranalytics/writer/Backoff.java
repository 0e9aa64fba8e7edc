package io.useranalytics.writer;

import java.time.Duration;

/** Capped exponential back-off between retries; reset after a success. Used by one thread. */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;
    private int attempts;

    Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    Duration nextDelay() {
        Duration delay = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        attempts++;
        return delay;
    }

    /** Failed attempts since the last reset. */
    int attempts() {
        return attempts;
    }

    void reset() {
        next = initial;
        attempts = 0;
    }
}
