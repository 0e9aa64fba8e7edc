package io.useranalytics.query;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cohort: its period's start, its users, and how many of them are active in each following
 * period that has begun (a period still ahead has no figure yet).
 */
record CohortRow(OffsetDateTime cohort, long users, List<Long> retained) {
    CohortRow {
        retained = List.copyOf(retained);
    }

    /** Header {@code cohort,users,period_1..period_N}; a period not begun yet is left empty. */
    static String asCsv(List<CohortRow> rows, int periods) {
        StringBuilder csv = new StringBuilder("cohort,users");
        for (int k = 1; k <= periods; k++) {
            csv.append(",period_").append(k);
        }
        csv.append('\n');
        for (CohortRow row : rows) {
            csv.append(row.cohortText()).append(',').append(row.users);
            for (int k = 0; k < periods; k++) {
                csv.append(',');
                if (k < row.retained.size()) {
                    csv.append(row.retained.get(k));
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    Map<String, Object> asJsonFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("cohort", cohortText());
        fields.put("users", users);
        fields.put("retained", retained);
        return fields;
    }

    private String cohortText() {
        return cohort.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
