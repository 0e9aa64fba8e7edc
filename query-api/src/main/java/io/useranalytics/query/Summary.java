package io.useranalytics.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The figures for one window: distinct users, clicks and impressions. */
record Summary(SummaryWindow window, long uniqueUsers, long clicks, long impressions) {
    Summary {
        Objects.requireNonNull(window, "window == null");
        if (uniqueUsers < 0 || clicks < 0 || impressions < 0) {
            throw new IllegalArgumentException(
                    "negative count in " + uniqueUsers + "/" + clicks + "/" + impressions);
        }
    }

    /** The seed's text answer: one {@code name,value} line each, newline-terminated. */
    String asText() {
        return "unique_users,"
                + uniqueUsers
                + "\nclicks,"
                + clicks
                + "\nimpressions,"
                + impressions
                + "\n";
    }

    /** The same figures with the window's bounds, for a JSON answer. */
    Map<String, Object> asJsonFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("from", window.from().toString());
        fields.put("to", window.to().toString());
        fields.put("unique_users", uniqueUsers);
        fields.put("clicks", clicks);
        fields.put("impressions", impressions);
        return fields;
    }
}
