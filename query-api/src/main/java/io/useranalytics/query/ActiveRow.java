package io.useranalytics.query;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One point of GET /analytics/active: the step's start, the users active in the window that ends
 * with the step and, for a 30-day window, the users of its last day and their share of the month's
 * (stickiness, DAU / MAU).
 */
record ActiveRow(OffsetDateTime time, long activeUsers, OptionalLong lastDayUsers) {
    static String asCsv(List<ActiveRow> rows, boolean withStickiness) {
        StringBuilder csv =
                new StringBuilder(
                        withStickiness
                                ? "time,active_users,dau,stickiness\n"
                                : "time,active_users\n");
        for (ActiveRow row : rows) {
            csv.append(row.timeText()).append(',').append(row.activeUsers);
            row.lastDayUsers.ifPresent(
                    dau -> csv.append(',').append(dau).append(',').append(row.stickinessText()));
            csv.append('\n');
        }
        return csv.toString();
    }

    Map<String, Object> asJsonFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", timeText());
        fields.put("active_users", activeUsers);
        lastDayUsers.ifPresent(
                dau -> {
                    fields.put("dau", dau);
                    fields.put("stickiness", stickiness());
                });
        return fields;
    }

    /** DAU / MAU; 0 for a month without users. */
    double stickiness() {
        return activeUsers == 0 ? 0 : (double) lastDayUsers.orElse(0) / activeUsers;
    }

    private String stickinessText() {
        return String.format(Locale.ROOT, "%.4f", stickiness());
    }

    private String timeText() {
        return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
