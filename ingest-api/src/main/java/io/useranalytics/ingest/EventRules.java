package io.useranalytics.ingest;

import io.useranalytics.record.AcceptedRange;
import io.useranalytics.record.Event;
import io.useranalytics.record.GivenTimestamp;
import io.useranalytics.record.UserIds;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** What ingest-api adds to the contract's rules: the accepted time range, a user-id limit. */
public final class EventRules {
    private final AcceptedRange acceptedRange;
    private final int maxUserLength;

    public EventRules(AcceptedRange acceptedRange, int maxUserLength) {
        this.acceptedRange = Objects.requireNonNull(acceptedRange, "acceptedRange == null");
        this.maxUserLength = maxUserLength;
    }

    public Event check(Event event) {
        acceptedRange.check(new GivenTimestamp(event.timestamp(), ChronoUnit.MILLIS));
        UserIds.check(event.user(), maxUserLength);
        return event;
    }
}
