package io.useranalytics.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 5: GET on the current hour holding millions of events, while the writer loads, against a
 * no-op GET (alternated pairs) and a plain SQL count(DISTINCT); a 30-day range; the dashboard's
 * render. {@link QueryAtScaleReport} turns the figures into the report's table.
 */
final class QueryAtScale {
    private final BenchEnvironment env;
    private final LoadClient load;
    private final LoadClient interactive;
    private final HttpLoad http;
    private final BenchSize size;

    QueryAtScale(
            BenchEnvironment env,
            LoadClient load,
            LoadClient interactive,
            HttpLoad http,
            BenchSize size) {
        this.env = env;
        this.load = load;
        this.interactive = interactive;
        this.http = http;
        this.size = size;
    }

    ScenarioResult measure(int queryPort, String get, Instant from, Instant to) throws Exception {
        long[] sql = SqlCount.between(env, from, to.plusSeconds(1));
        String answered = http.send(HttpLoad.get(queryPort, get)).body();
        double[] sqlMillis = plainSqlMillis(from, to);
        AtomicBoolean loading = new AtomicBoolean(true);
        CompletableFuture<Long> writerLoad =
                CompletableFuture.supplyAsync(
                        () ->
                                new HourTrickle(env.bootstrapServers(), size)
                                        .produce(from, to, loading));
        Pairs<LoadResult, LoadResult> pairs = againstNoop(queryPort, get);
        LoadResult few = interactively("GET /analytics (current hour)", queryPort, get);
        String month =
                "/analytics?from="
                        + to.minus(Duration.ofDays(30)).getEpochSecond()
                        + "&to="
                        + to.plusSeconds(1).getEpochSecond();
        double coldRange = http.millisOfOneGet(queryPort, month);
        LoadResult range = interactively("GET /analytics over 30 days", queryPort, month);
        Optional<List<Double>> render = PageRender.measure(queryPort, 5);
        loading.set(false);
        return new QueryAtScaleReport(
                        sql,
                        answered,
                        sqlMillis,
                        pairs,
                        few,
                        interactive.description(),
                        coldRange,
                        range,
                        render,
                        writerLoad.get())
                .build();
    }

    /** The plain SQL count over the raw rows, three times, sorted. */
    private double[] plainSqlMillis(Instant from, Instant to) throws Exception {
        double[] millis = new double[3];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            SqlCount.between(env, from, to.plusSeconds(1));
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    /** The saturating GET, alternated with a no-op GET (the ceiling) in pairs. */
    private Pairs<LoadResult, LoadResult> againstNoop(int queryPort, String get) throws Exception {
        int noop = env.startService("noop", Map.of());
        Pairs<LoadResult, LoadResult> pairs =
                Pairs.measure(
                        pair ->
                                load.run(
                                        "no-op GET, pair " + pair,
                                        LoadTarget.get(noop, "/noop"),
                                        200,
                                        // The no-op's JVM is fresh: compile its path first.
                                        pair == 1 ? size.jvmWarmup() : size.warmup(),
                                        size.measure().dividedBy(2)),
                        pair ->
                                load.run(
                                        "GET /analytics (current hour), pair " + pair,
                                        LoadTarget.get(queryPort, get),
                                        200,
                                        size.warmup(),
                                        size.measure().dividedBy(2)));
        env.stopService("noop");
        return pairs;
    }

    private LoadResult interactively(String what, int queryPort, String get) throws Exception {
        return interactive.run(
                what + ", " + Bench.INTERACTIVE_CONNECTIONS + " connections",
                LoadTarget.get(queryPort, get),
                200,
                size.warmup(),
                size.measure().dividedBy(2));
    }
}
