package io.useranalytics.ingest;

import io.useranalytics.common.http.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Bounds the events that are accepted for publishing but not yet answered by Kafka, so that a slow
 * or absent broker costs a 503 rather than unbounded memory. Thread-safe.
 */
final class InFlightLimit {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int max;
    private final Semaphore permits;

    InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max < 1: " + max);
        }
        this.max = max;
        this.permits = new Semaphore(max);
    }

    /** Takes one place, or throws the 503 that tells the client to come back later. */
    void acquire() {
        if (!permits.tryAcquire()) {
            throw new ServiceUnavailableException(
                    "more than "
                            + max
                            + " events are waiting for Kafka's acknowledgement; retry later",
                    RETRY_AFTER);
        }
    }

    void release(int count) {
        permits.release(count);
    }

    int inFlight() {
        return max - permits.availablePermits();
    }
}
