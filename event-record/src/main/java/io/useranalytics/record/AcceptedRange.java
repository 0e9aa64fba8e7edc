package io.useranalytics.record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The instants an event may carry: from {@code earliest} up to {@code maxAhead} past the server
 * clock. Backfills are legitimate, so the default earliest is the epoch.
 */
public final class AcceptedRange {
    private final Instant earliest;
    private final Duration maxAhead;
    private final Clock clock;

    public AcceptedRange(Instant earliest, Duration maxAhead, Clock clock) {
        this.earliest = Objects.requireNonNull(earliest, "earliest == null");
        this.maxAhead = Objects.requireNonNull(maxAhead, "maxAhead == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public static AcceptedRange fromEpochTo(Duration maxAhead) {
        return new AcceptedRange(Instant.EPOCH, maxAhead, Clock.systemUTC());
    }

    /** An event's timestamp, which the record keeps in milliseconds: the check every door runs. */
    public Event check(Event event) {
        check(new GivenTimestamp(event.timestamp(), ChronoUnit.MILLIS));
        return event;
    }

    public GivenTimestamp check(GivenTimestamp timestamp) {
        Instant instant = timestamp.instant();
        if (instant.isBefore(earliest)) {
            throw new InvalidInputException(
                    "timestamp",
                    "timestamp " + instant + " is before the earliest accepted " + earliest);
        }
        Instant latest = clock.instant().plus(maxAhead);
        if (instant.isAfter(latest)) {
            throw new InvalidInputException(
                    "timestamp",
                    "timestamp "
                            + instant
                            + " is more than "
                            + maxAhead.toHours()
                            + " h ahead of the server clock");
        }
        return timestamp;
    }
}
