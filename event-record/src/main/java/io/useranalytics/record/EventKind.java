package io.useranalytics.record;

import java.util.Optional;

/** What a user did: the closed set of event names the pipeline accepts. */
public enum EventKind {
    CLICK("click"),
    IMPRESSION("impression");

    private static final EventKind[] ALL = values();

    private final String wireName;

    EventKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on HTTP, in Kafka records and in the database. */
    public String wireName() {
        return wireName;
    }

    public static Optional<EventKind> fromWireName(String name) {
        for (EventKind kind : ALL) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind named {@code name}, or an {@link InvalidInputException} for parameter "event". */
    public static EventKind parse(String name) {
        return fromWireName(name)
                .orElseThrow(
                        () ->
                                new InvalidInputException(
                                        "event",
                                        "event '"
                                                + EventTimestamps.shorten(name)
                                                + "' is not click or impression"));
    }
}
