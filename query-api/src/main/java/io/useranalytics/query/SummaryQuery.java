package io.useranalytics.query;

import static io.useranalytics.common.http.QueryParameters.single;
import static io.useranalytics.common.http.QueryParameters.singleOr;

import io.useranalytics.record.EventTimestamps;
import io.useranalytics.record.GivenTimestamp;
import io.useranalytics.record.InvalidInputException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Which window GET /analytics asks for: {@code timestamp} with {@code window} trailing (the
 * default) or hour, or {@code from} and {@code to}; never both kinds.
 */
final class SummaryQuery {
    private SummaryQuery() {}

    static SummaryWindow window(Map<String, List<String>> params) {
        if (params.containsKey("from") || params.containsKey("to")) {
            if (params.containsKey("timestamp") || params.containsKey("window")) {
                throw new InvalidInputException(
                        "from", "give timestamp (and window) or from and to, not both");
            }
            ZoneId zone = TimeZoneParameter.parse(params);
            return SummaryWindow.range(
                    RangeBound.parse(params, "from", zone), RangeBound.parse(params, "to", zone));
        }
        if (params.containsKey("tz")) {
            throw new InvalidInputException(
                    "tz", "tz applies to from and to (dates in that zone), not to a timestamp");
        }
        GivenTimestamp timestamp = EventTimestamps.parse(single(params, "timestamp"));
        String window = singleOr(params, "window", "trailing");
        if (window.equals("trailing")) {
            return SummaryWindow.trailing(timestamp);
        }
        if (window.equals("hour")) {
            return SummaryWindow.calendarHour(timestamp);
        }
        throw new InvalidInputException(
                "window",
                "window '" + EventTimestamps.shorten(window) + "' is not trailing or hour");
    }
}
