package io.useranalytics.query;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One bucket of a series. */
record SeriesRow(Instant time, long uniqueUsers, long clicks, long impressions) {
    static final String CSV_HEADER = "time,unique_users,clicks,impressions\n";

    /** The rows as CSV with a header line, each line newline-terminated. */
    static String asCsv(List<SeriesRow> rows) {
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        rows.forEach(
                row ->
                        csv.append(row.time)
                                .append(',')
                                .append(row.uniqueUsers)
                                .append(',')
                                .append(row.clicks)
                                .append(',')
                                .append(row.impressions)
                                .append('\n'));
        return csv.toString();
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
