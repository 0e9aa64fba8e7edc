package io.useranalytics.query;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One bucket of a series. */
record SeriesRow(Instant time, long uniqueUsers, long clicks, long impressions) {
    static final String CSV_HEADER = "time,unique_users,clicks,impressions\n";

    String asCsv() {
        return time + "," + uniqueUsers + "," + clicks + "," + impressions + "\n";
    }

    Map<String, Object> asJsonFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", time.toString());
        fields.put("unique_users", uniqueUsers);
        fields.put("clicks", clicks);
        fields.put("impressions", impressions);
        return fields;
    }
}
