package io.useranalytics.query;

import static io.useranalytics.common.http.QueryParameters.single;
import static io.useranalytics.common.http.QueryParameters.singleOr;

import io.useranalytics.record.EventTimestamps;
import io.useranalytics.record.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * GET /analytics/retention: cohorts of the users active in each {@code cohort} period (a day,
 * calendar week or month of the time zone) that overlaps {@code [from, to)}, or with {@code
 * basis=new} of the users whose first event lies in it, and how many of each are active in each of
 * the {@code periods} periods that follow.
 */
record CohortRequest(
        Instant from, Instant to, Step cohort, int periods, boolean newUsers, ZoneId zone) {
    static final int MAX_PERIODS = 60;

    static CohortRequest parse(Map<String, List<String>> params) {
        ZoneId zone = TimeZoneParameter.parse(params);
        Instant from = RangeBound.parse(params, "from", zone).instant();
        Instant to = RangeBound.parse(params, "to", zone).instant();
        Step cohort = Step.parse(single(params, "cohort"));
        if (cohort != Step.ONE_DAY && cohort != Step.ONE_WEEK && cohort != Step.ONE_MONTH) {
            throw new InvalidInputException(
                    "cohort", "cohort '" + cohort + "' is not 1d, 1w or 1mo");
        }
        String basis = singleOr(params, "basis", "active");
        if (!basis.equals("active") && !basis.equals("new")) {
            throw new InvalidInputException(
                    "basis", "basis '" + EventTimestamps.shorten(basis) + "' is not active or new");
        }
        int periods = periods(single(params, "periods"));
        SummaryWindow.requireRange(from, to);
        return new CohortRequest(from, to, cohort, periods, basis.equals("new"), zone);
    }

    private static int periods(String text) {
        try {
            int periods = Integer.parseInt(text);
            if (periods >= 1 && periods <= MAX_PERIODS) {
                return periods;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(
                "periods",
                "periods '"
                        + EventTimestamps.shorten(text)
                        + "' is not a whole number from 1 to "
                        + MAX_PERIODS);
    }
}
