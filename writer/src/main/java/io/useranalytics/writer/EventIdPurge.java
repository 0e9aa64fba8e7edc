package io.useranalytics.writer;

import io.useranalytics.store.StoreException;
import io.useranalytics.store.eventids.EventIdExpiry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets client event ids older than the retention ({@link EventIdExpiry}). Run periodically; a
 * failed run is logged and the next one tries again.
 */
final class EventIdPurge implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EventIdPurge.class);

    private final EventIdExpiry expiry;
    private final Duration retention;
    private final Clock clock;

    EventIdPurge(EventIdExpiry expiry, Duration retention, Clock clock) {
        this.expiry = Objects.requireNonNull(expiry, "expiry == null");
        this.retention = Objects.requireNonNull(retention, "retention == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public void run() {
        try {
            long forgotten = purge();
            if (forgotten > 0) {
                log.debug("forgot {} event ids older than {}", forgotten, retention);
            }
        } catch (StoreException e) {
            log.warn("purging old event ids failed; the next run retries: {}", e.getMessage());
        }
    }

    /** Deletes every id received before now minus the retention; returns how many. */
    long purge() throws StoreException {
        return expiry.deleteReceivedBefore(clock.instant().minus(retention));
    }
}
