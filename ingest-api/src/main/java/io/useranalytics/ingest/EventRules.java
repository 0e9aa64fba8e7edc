package io.useranalytics.ingest;

import io.useranalytics.record.AcceptedRange;
import io.useranalytics.record.Event;
import io.useranalytics.record.UserIds;
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
        acceptedRange.check(event);
        UserIds.requireAtMost(event.user(), maxUserLength);
        return event;
    }
}
