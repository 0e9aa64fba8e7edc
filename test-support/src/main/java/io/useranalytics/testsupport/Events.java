package io.useranalytics.testsupport;

import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import java.time.Instant;
import java.util.Optional;

/** Builds events for tests: {@code anEvent().user("u1").at(t).impression().build()}. */
public final class Events {
    private String user = "u1";
    private Instant at = Instant.parse("2008-10-21T05:46:37Z");
    private EventKind kind = EventKind.CLICK;
    private Optional<String> id = Optional.empty();

    private Events() {}

    public static Events anEvent() {
        return new Events();
    }

    public Events user(String user) {
        this.user = user;
        return this;
    }

    public Events at(Instant at) {
        this.at = at;
        return this;
    }

    public Events atEpochSecond(long epochSecond) {
        return at(Instant.ofEpochSecond(epochSecond));
    }

    public Events click() {
        this.kind = EventKind.CLICK;
        return this;
    }

    public Events impression() {
        this.kind = EventKind.IMPRESSION;
        return this;
    }

    /** A client event id: the writer stores the first event with it and drops retries. */
    public Events id(String id) {
        this.id = Optional.of(id);
        return this;
    }

    public Event build() {
        return new Event(at, user, kind, id);
    }
}
