package io.useranalytics.query;

import static io.useranalytics.common.http.QueryParameters.single;
import static io.useranalytics.common.http.QueryParameters.singleOr;

import io.useranalytics.record.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * GET /analytics/active: for each step ({@code 1d} or {@code 1w}) of the time zone {@code zone}
 * that overlaps {@code [from, to)}, the users active in the {@code window} days of that zone that
 * end with the step. At most {@value SummaryWindow#MAX_RANGE_DAYS} days of points.
 */
record ActiveRequest(Instant from, Instant to, ActiveWindow window, Step step, ZoneId zone) {
    static ActiveRequest parse(Map<String, List<String>> params) {
        ZoneId zone = TimeZoneParameter.parse(params);
        Instant from = RangeBound.parse(params, "from", zone).instant();
        Instant to = RangeBound.parse(params, "to", zone).instant();
        ActiveWindow window = ActiveWindow.parse(single(params, "window"));
        Step step = Step.parse(singleOr(params, "step", "1d"));
        if (step != Step.ONE_DAY && step != Step.ONE_WEEK) {
            throw new InvalidInputException("step", "step '" + step + "' is not 1d or 1w");
        }
        SummaryWindow.requireRange(from, to);
        return new ActiveRequest(from, to, window, step, zone);
    }
}
