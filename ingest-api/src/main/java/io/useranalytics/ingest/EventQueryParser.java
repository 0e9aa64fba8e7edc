package io.useranalytics.ingest;

import static io.useranalytics.common.http.QueryParameters.optional;
import static io.useranalytics.common.http.QueryParameters.single;

import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import io.useranalytics.record.EventTimestamps;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads an event from the query parameters {@code timestamp}, {@code user}, {@code event} and the
 * optional {@code id}.
 */
final class EventQueryParser {
    private final EventRules rules;

    EventQueryParser(EventRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules == null");
    }

    Event parse(Map<String, List<String>> queryParams) {
        var timestamp = EventTimestamps.parse(single(queryParams, "timestamp"));
        String user = single(queryParams, "user");
        EventKind kind = EventKind.parse(single(queryParams, "event"));
        // Event checks the user and the id: the contract's rule has one owner.
        return rules.check(new Event(timestamp.instant(), user, kind, optional(queryParams, "id")));
    }
}
