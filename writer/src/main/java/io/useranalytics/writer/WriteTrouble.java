package io.useranalytics.writer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the poll loop may try the database again: each failure pushes the next attempt out by the
 * {@link Backoff}; the first failure of a spell and its end are logged once each, the attempts in
 * between only at debug. Mutable state; the poll thread only.
 */
final class WriteTrouble {
    private static final Logger log = LoggerFactory.getLogger(WriteTrouble.class);

    private final Backoff backoff;
    private final Clock clock;
    private Instant retryAt = Instant.MIN;
    private Optional<Instant> since = Optional.empty();
    private WriteFailure kind = WriteFailure.OTHER;

    WriteTrouble(Backoff backoff, Clock clock) {
        this.backoff = backoff;
        this.clock = clock;
    }

    /** A write or a lookup failed while {@code paused} partitions wait. */
    void failed(Exception e, int paused) {
        Duration delay = backoff.nextDelay();
        retryAt = clock.instant().plus(delay);
        if (since.isEmpty()) {
            since = Optional.of(clock.instant());
            kind = WriteFailure.of(e);
            log.warn(
                    "{} ({}); paused {} partitions, retrying with back-off",
                    kind.description(),
                    e.getMessage(),
                    paused,
                    e);
        } else {
            log.debug("attempt {} failed; next in {} ms", backoff.attempts(), delay.toMillis(), e);
        }
    }

    /** A write or a lookup succeeded. */
    void succeeded() {
        backoff.reset();
        if (since.isPresent()) {
            log.info(
                    "{} after {} s; resumed consuming",
                    kind == WriteFailure.DATABASE_UNAVAILABLE ? "database back" : "writing again",
                    Duration.between(since.get(), clock.instant()).toSeconds());
            since = Optional.empty();
        }
    }

    boolean isRetryDue(Instant now) {
        return !now.isBefore(retryAt);
    }

    Duration untilRetry(Instant now) {
        return Duration.between(now, retryAt);
    }
}
