package io.useranalytics.bench;

import static io.useranalytics.bench.ScenarioResult.f;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Scenarios 5 and 6: the same GET on the current hour as stored events grow, and at the hour's full
 * size {@link QueryAtScale}.
 */
final class QueryScenario {
    private final BenchEnvironment env;
    private final LoadClient load;
    private final QueryAtScale queryAtScale;
    private final HttpLoad http;
    private final BenchSize size;
    private final PrintStream out;
    private final long benchStarted;

    QueryScenario(
            BenchEnvironment env,
            LoadClient load,
            LoadClient interactive,
            HttpLoad http,
            BenchSize size,
            PrintStream out,
            long benchStarted) {
        this.env = env;
        this.load = load;
        this.queryAtScale = new QueryAtScale(env, load, interactive, http, size);
        this.http = http;
        this.size = size;
        this.out = out;
        this.benchStarted = benchStarted;
    }

    List<ScenarioResult> run(int queryPort) throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        Instant hourStart = end.minus(Duration.ofHours(1));
        HourLoader loader = new HourLoader(env, out);
        loader.addUsers(size.queryUsers());
        String get = "/analytics?timestamp=" + end.getEpochSecond();
        ScenarioResult.Builder curve = scaleCurve();
        ScenarioResult atScale =
                ScenarioResult.notRun(
                        "5. Query at scale",
                        "the scale points did not reach the queried hour's size");
        long stored = 0;
        long inHour = 0;
        for (int total : size.scaleTotals()) {
            boolean firstStep = stored == 0;
            long hourTarget = Math.min(total, size.queryHourEvents());
            long elsewhere = total - hourTarget - (stored - inHour);
            if (total > size.queryHourEvents()
                    && overBudget(total - stored, loader.rowsPerSecond())) {
                curve.note(
                        String.format(
                                "Stopped before %,d stored events: loading %,d more would not fit the %s minutes budget.",
                                total, total - stored, size.budget().toMinutes()));
                break;
            }
            loader.addEvents(hourTarget - inHour, hourStart, end.plusSeconds(1));
            loader.addEvents(elsewhere, hourStart.minus(Duration.ofHours(48)), hourStart);
            stored = total;
            inHour = hourTarget;
            double cold = http.millisOfOneGet(queryPort, get);
            // The first step is query-api's first saturating load: with the short warm-up its p99
            // was 3-4 times that of the larger steps (JIT compilation), not a cost of scale.
            LoadResult measured =
                    load.run(
                            "GET at " + String.format("%,d", total) + " stored",
                            LoadTarget.get(queryPort, get),
                            200,
                            firstStep ? size.jvmWarmup() : size.warmup(),
                            size.measure().dividedBy(2));
            curve.row(
                    String.format("%,d", total),
                    String.format("%,d", inHour),
                    f(measured.p50Millis()),
                    f(measured.p99Millis()),
                    f(cold));
            if (inHour == size.queryHourEvents() && atScale.columns().isEmpty()) {
                atScale = queryAtScale.measure(queryPort, get, hourStart, end);
            }
        }
        return List.of(
                atScale,
                curve.note("Flat is the goal: a GET reads rollup buckets, never the raw rows.")
                        .build());
    }

    private static ScenarioResult.Builder scaleCurve() {
        return new ScenarioResult.Builder(
                "6. Scale curve: the same GET as stored events grow",
                "stored events",
                "in the queried hour",
                "p50 ms",
                "p99 ms",
                "first (cold) GET ms");
    }

    /**
     * Whether loading {@code more} events at the loader's measured rate, and measuring, overruns
     * the budget.
     */
    private boolean overBudget(long more, double rowsPerSecond) {
        Duration left = size.budget().minus(BenchEnvironment.elapsedSince(benchStarted));
        return Duration.ofSeconds((long) (more / rowsPerSecond) + 60).compareTo(left) > 0;
    }
}
