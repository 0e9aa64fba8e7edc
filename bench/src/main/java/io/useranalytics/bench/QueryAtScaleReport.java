package io.useranalytics.bench;

import static io.useranalytics.bench.ScenarioResult.f;

import java.util.List;
import java.util.Optional;

/**
 * Scenario 5's figures and the table they make: a row per measurement, the targets, and notes on
 * exactness and on what loaded meanwhile.
 *
 * @param sql the plain SQL count of the queried hour: unique users, clicks, impressions
 * @param answered what the GET answered before the load started
 * @param sqlMillis the plain SQL count's three timings, sorted
 * @param pairs the no-op GET (ceiling) and the saturating GET, alternated
 * @param few the same GET with the interactive client
 * @param coldRange the first 30-day range GET, in milliseconds
 * @param render the dashboard's render times, when a browser ran them
 * @param produced the events the writer loaded during the GET runs
 */
record QueryAtScaleReport(
        long[] sql,
        String answered,
        double[] sqlMillis,
        Pairs<LoadResult, LoadResult> pairs,
        LoadResult few,
        String interactiveClient,
        double coldRange,
        LoadResult range,
        Optional<List<Double>> render,
        long produced) {

    ScenarioResult build() {
        ScenarioResult.Builder table =
                new ScenarioResult.Builder(
                        String.format(
                                "5. Query at scale (the current hour: %,d events from %,d users, writer loading)",
                                sql[1] + sql[2], sql[0]),
                        "what",
                        "req/s",
                        "p50 ms",
                        "p99 ms");
        rows(table);
        targets(table);
        notes(table);
        return table.build();
    }

    private void rows(ScenarioResult.Builder table) {
        for (int i = 0; i < pairs.count(); i++) {
            row(table, "no-op GET (ceiling), pair " + (i + 1), pairs.ceiling(i));
            row(
                    table,
                    "GET /analytics?timestamp=<current hour end>, 64 connections (saturating), pair "
                            + (i + 1),
                    pairs.subject(i));
        }
        row(
                table,
                "the same GET, "
                        + Bench.INTERACTIVE_CONNECTIONS
                        + " connections ("
                        + interactiveClient
                        + ")",
                few);
        row(
                table,
                "GET /analytics?from=<30 days before>&to=<current hour end>, "
                        + Bench.INTERACTIVE_CONNECTIONS
                        + " connections",
                range);
        table.row(
                        "dashboard's first complete render in Chromium (5 loads: median, slowest)",
                        "-",
                        render.map(ms -> f(median(ms))).orElse("not run"),
                        render.map(ms -> f(ms.get(ms.size() - 1))).orElse("not run"))
                .row(
                        "plain SQL count(DISTINCT user_id) over the raw rows (3 runs, median)",
                        "-",
                        f(sqlMillis[1]),
                        f(sqlMillis[2]));
    }

    private static void row(ScenarioResult.Builder table, String what, LoadResult result) {
        table.row(what, f(result.perSecond()), f(result.p50Millis()), f(result.p99Millis()));
    }

    private void targets(ScenarioResult.Builder table) {
        Ratios throughput = pairs.ratios(LoadResult::perSecond, LoadResult::perSecond);
        LoadResult measured = pairs.subject(throughput.medianIndex());
        double speedup = sqlMillis[1] / measured.p50Millis();
        table.target(
                        "GET p99 <= 20 ms, " + Bench.INTERACTIVE_CONNECTIONS + " connections",
                        f(few.p99Millis()) + " ms",
                        few.p99Millis() <= 20)
                .target(
                        "GET p99 <= 20 ms, 64 connections (saturating), the median pair",
                        f(measured.p99Millis()) + " ms",
                        measured.p99Millis() <= 20)
                .target(
                        "30-day range GET p50 <= 100 ms",
                        f(range.p50Millis()) + " ms",
                        range.p50Millis() <= 100)
                .target(
                        "30-day range GET p99 <= 250 ms",
                        f(range.p99Millis()) + " ms",
                        range.p99Millis() <= 250)
                .target(
                        "dashboard first complete render <= 1 s (median of 5)",
                        render.map(ms -> f(median(ms)) + " ms")
                                .orElse("not measured: no /usr/bin/chromium and chromedriver"),
                        render.map(ms -> median(ms) <= 1000).orElse(false))
                .target(
                        ">= 50x faster than the plain SQL (median / GET p50)",
                        String.format("%.0fx", speedup),
                        speedup >= 50)
                .target(
                        "query throughput >= 30% of the no-op GET",
                        throughput.percentages(), throughput.median() >= 0.3);
    }

    private void notes(ScenarioResult.Builder table) {
        String expected =
                "unique_users," + sql[0] + "\nclicks," + sql[1] + "\nimpressions," + sql[2] + "\n";
        table.note(
                        "Exact at scale: before the concurrent load the GET answered "
                                + answered.replace("\n", " ").trim()
                                + (answered.equals(expected)
                                        ? ", equal to the SQL count."
                                        : ", but the SQL count says "
                                                + expected.replace("\n", " ").trim()
                                                + "."))
                .note(
                        String.format(
                                "The 30-day range GET is a union of the range's hour buckets' bitmaps:"
                                        + " the first took %s ms (buckets read from the database); later ones are"
                                        + " recomputed whenever the writer changes a cached bucket, so the p99 is"
                                        + " that union, not a cached answer.",
                                f(coldRange)))
                .note(
                        String.format(
                                "During the GET runs the writer loaded %,d more events into the same hour (about 2,000/s), so cached buckets kept changing.",
                                produced))
                .note(
                        String.format(
                                "Non-200 answers: %d of %,d.",
                                pairs.subjects().stream().mapToLong(LoadResult::unexpected).sum()
                                        + few.unexpected()
                                        + range.unexpected(),
                                pairs.subjects().stream().mapToLong(LoadResult::requests).sum()
                                        + few.requests()
                                        + range.requests()))
                .note(
                        "At 64 connections the client keeps both cores busy and p99 is mostly queueing:"
                                + " compare the no-op's own p99 at 64 connections. The 4-connection run is"
                                + " the latency a few analysts' dashboards see.");
    }

    private static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
