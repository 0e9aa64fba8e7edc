package io.useranalytics.common.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** One thing a user did at an instant (millisecond precision): the pipeline's unit of data. */
public record Event(Instant timestamp, String user, EventKind kind) {
    public Event {
        Objects.requireNonNull(timestamp, "timestamp == null");
        Objects.requireNonNull(kind, "kind == null");
        UserIds.check(Objects.requireNonNull(user, "user == null"));
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
    }
}
