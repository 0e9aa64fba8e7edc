package io.useranalytics.query;

import static io.useranalytics.common.http.QueryParameters.single;

import io.useranalytics.record.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A series over {@code [from, to)}: one row per {@code step} of the time zone {@code zone} that
 * overlaps it, each row counting its whole step; at most {@value #MAX_ROWS} rows, and at most
 * {@value #MAX_BUCKETS} rollup buckets read (a row of 5m is five minute buckets, of a month in UTC
 * 28 to 31 day buckets), so that the work of a request is bounded by what it returns.
 */
record SeriesRequest(Instant from, Instant to, Step step, ZoneId zone) {
    static final int MAX_ROWS = 10_000;
    static final int MAX_BUCKETS = 50_000;

    static SeriesRequest parse(Map<String, List<String>> queryParams) {
        ZoneId zone = TimeZoneParameter.parse(queryParams);
        Instant from = RangeBound.parse(queryParams, "from", zone).instant();
        Instant to = RangeBound.parse(queryParams, "to", zone).instant();
        Step step = Step.parse(single(queryParams, "step"));
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "to " + to + " is not after from " + from);
        }
        SeriesRequest request = new SeriesRequest(from, to, step, zone);
        long rows = request.rowCount();
        if (rows > MAX_ROWS) {
            throw new InvalidInputException(
                    "step",
                    "from "
                            + from
                            + " to "
                            + to
                            + " in steps of "
                            + step
                            + " is "
                            + rows
                            + " rows; the maximum is "
                            + MAX_ROWS
                            + ": use a larger step or a shorter range");
        }
        long buckets = rows * request.bucketsPerRow();
        if (buckets > MAX_BUCKETS) {
            throw new InvalidInputException(
                    "to",
                    String.format(
                            "from %s to %s in steps of %s reads about %,d rollup buckets (%d a"
                                    + " row); the maximum is %,d: use a shorter range",
                            from, to, step, buckets, request.bucketsPerRow(), MAX_BUCKETS));
        }
        return request;
    }

    /** The rollup buckets the first row's whole step is made of. */
    long bucketsPerRow() {
        Instant start = step.floor(from, zone);
        return WindowCover.of(start, step.next(start, zone)).buckets().size();
    }

    long rowCount() {
        return step.rows(from, to, zone);
    }

    /** Each row's start, and the end of the last: {@code rowCount() + 1} instants. */
    List<Instant> bounds() {
        List<Instant> bounds = new ArrayList<>();
        Instant start = step.floor(from, zone);
        bounds.add(start);
        while (start.isBefore(to)) {
            start = step.next(start, zone);
            bounds.add(start);
        }
        return bounds;
    }
}
