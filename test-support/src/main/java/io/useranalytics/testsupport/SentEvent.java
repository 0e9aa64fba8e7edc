package io.useranalytics.testsupport;

import io.useranalytics.record.EventKind;
import java.time.Instant;
import java.util.Objects;

/** An event a test sent, as the oracle ({@link BruteForce}) counts it. */
public record SentEvent(Instant at, String user, EventKind kind) {
    public SentEvent {
        Objects.requireNonNull(at, "at == null");
        Objects.requireNonNull(user, "user == null");
        Objects.requireNonNull(kind, "kind == null");
    }
}
