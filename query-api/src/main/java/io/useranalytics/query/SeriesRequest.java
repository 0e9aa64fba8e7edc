package io.useranalytics.query;

import static io.useranalytics.common.http.QueryParameters.single;

import io.useranalytics.record.EventTimestamps;
import io.useranalytics.record.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A series over {@code [from, to)}: one row per UTC-aligned {@code step} bucket that overlaps it,
 * each row counting its whole bucket; at most {@value #MAX_ROWS} rows, and at most {@value
 * #MAX_BUCKETS} rollup buckets read (a row of 5m is five minute buckets), so that the work of a
 * request is bounded by what it returns.
 */
record SeriesRequest(Instant from, Instant to, Step step) {
    static final int MAX_ROWS = 10_000;
    static final int MAX_BUCKETS = 50_000;

    static SeriesRequest parse(Map<String, List<String>> queryParams) {
        Instant from = EventTimestamps.parse(single(queryParams, "from")).instant();
        Instant to = EventTimestamps.parse(single(queryParams, "to")).instant();
        Step step = Step.parse(single(queryParams, "step"));
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "to " + to + " is not after from " + from);
        }
        SeriesRequest request = new SeriesRequest(from, to, step);
        long rows = request.rowCount();
        if (rows > MAX_ROWS) {
            throw new InvalidInputException(
                    "step",
                    "from "
                            + from
                            + " to "
                            + to
                            + " in steps of "
                            + step.size()
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
                            "from %s to %s in steps of %s reads %,d rollup buckets (%d a row);"
                                    + " the maximum is %,d: use a shorter range",
                            from, to, step.size(), buckets, request.bucketsPerRow(), MAX_BUCKETS));
        }
        return request;
    }

    /** The rollup buckets a row's whole step is made of: a day bucket for 1d, 5 minutes for 5m. */
    long bucketsPerRow() {
        Instant start = step.floor(from);
        return WindowCover.of(start, start.plus(step.size())).buckets().size();
    }

    long rowCount() {
        long stepMillis = step.size().toMillis();
        long span = to.toEpochMilli() - step.floor(from).toEpochMilli();
        return (span + stepMillis - 1) / stepMillis;
    }

    List<Instant> bucketStarts() {
        List<Instant> starts = new ArrayList<>();
        for (Instant start = step.floor(from);
                start.isBefore(to);
                start = start.plus(step.size())) {
            starts.add(start);
        }
        return starts;
    }
}
