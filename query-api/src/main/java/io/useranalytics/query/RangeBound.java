package io.useranalytics.query;

import static io.useranalytics.common.http.QueryParameters.single;

import io.useranalytics.record.EventTimestamps;
import io.useranalytics.record.GivenTimestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An end of a range: a timestamp (the timestamp rule), or a date {@code YYYY-MM-DD}, which stands
 * for the start of that day in the request's time zone.
 */
final class RangeBound {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private RangeBound() {}

    static GivenTimestamp parse(Map<String, List<String>> params, String name, ZoneId zone) {
        String text = single(params, name);
        if (DATE.matcher(text).matches()) {
            try {
                return new GivenTimestamp(
                        LocalDate.parse(text).atStartOfDay(zone).toInstant(), ChronoUnit.SECONDS);
            } catch (DateTimeParseException e) {
                // not a calendar date (2024-02-30): the timestamp rule says why
            }
        }
        return EventTimestamps.parse(text);
    }
}
