package io.useranalytics.ingest;

import static io.useranalytics.common.http.QueryParameters.single;

import io.useranalytics.common.event.AcceptedRange;
import io.useranalytics.common.event.Event;
import io.useranalytics.common.event.EventKind;
import io.useranalytics.common.event.EventTimestamps;
import io.useranalytics.common.event.GivenTimestamp;
import io.useranalytics.common.event.UserIds;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads an event from the query parameters {@code timestamp}, {@code user} and {@code event}. */
final class EventQueryParser {
    private final AcceptedRange acceptedRange;

    EventQueryParser(AcceptedRange acceptedRange) {
        this.acceptedRange = Objects.requireNonNull(acceptedRange, "acceptedRange == null");
    }

    Event parse(Map<String, List<String>> queryParams) {
        GivenTimestamp timestamp =
                acceptedRange.check(EventTimestamps.parse(single(queryParams, "timestamp")));
        String user = UserIds.check(single(queryParams, "user"));
        EventKind kind = EventKind.parse(single(queryParams, "event"));
        return new Event(timestamp.instant(), user, kind);
    }
}
