package io.useranalytics.query;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of a series: its start on the request's time zone's clock. */
record SeriesRow(OffsetDateTime time, long uniqueUsers, long clicks, long impressions) {
    static final String CSV_HEADER = "time,unique_users,clicks,impressions\n";

    /** The rows as CSV with a header line, each line newline-terminated. */
    static String asCsv(List<SeriesRow> rows) {
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        rows.forEach(
                row ->
                        csv.append(row.timeText())
                                .append(',')
                                .append(row.uniqueUsers)
                                .append(',')
                                .append(row.clicks)
                                .append(',')
                                .append(row.impressions)
                                .append('\n'));
        return csv.toString();
    }

    /** ISO-8601 with the zone's offset then: {@code 2008-10-21T04:00:00Z} in UTC. */
    String timeText() {
        return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    Map<String, Object> asJsonFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", timeText());
        fields.put("unique_users", uniqueUsers);
        fields.put("clicks", clicks);
        fields.put("impressions", impressions);
        return fields;
    }
}
