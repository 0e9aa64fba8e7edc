package io.useranalytics.common.event;

import java.util.Arrays;
import java.util.Optional;

/** What a user did: the closed set of event names the pipeline accepts. */
public enum EventKind {
    CLICK("click"),
    IMPRESSION("impression");

    private final String wireName;

    EventKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on HTTP, in Kafka records and in the database. */
    public String wireName() {
        return wireName;
    }

    public static Optional<EventKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
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
