package io.useranalytics.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a user did at an instant (millisecond precision): the pipeline's unit of data. The
 * optional {@code id}, given by the client, makes a retried event count once.
 */
public record Event(Instant timestamp, String user, EventKind kind, Optional<String> id) {
    public Event {
        Objects.requireNonNull(timestamp, "timestamp == null");
        Objects.requireNonNull(kind, "kind == null");
        UserIds.check(Objects.requireNonNull(user, "user == null"));
        Objects.requireNonNull(id, "id == null").ifPresent(EventIds::check);
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
    }

    /** An event without a client id: every copy of it counts. */
    public Event(Instant timestamp, String user, EventKind kind) {
        this(timestamp, user, kind, Optional.empty());
    }
}
