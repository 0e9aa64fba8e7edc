package io.useranalytics.bench;

import static io.useranalytics.bench.ScenarioResult.f;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scenario 4: with ingest-api loaded at half its sustained rate, the time from a marker event's 204
 * to the first GET that counts it. Each marker lies alone in a calendar hour of its own.
 */
final class FreshnessScenario {
    private static final Instant MARKER_HOURS = Instant.parse("2001-01-01T00:00:00Z");

    private final HttpLoad load;
    private final HttpLoad background;
    private final BenchSize size;

    FreshnessScenario(HttpLoad load, HttpLoad background, BenchSize size) {
        this.load = load;
        this.background = background;
        this.size = size;
    }

    ScenarioResult run(int ingestPort, int queryPort, double ingestRate) throws Exception {
        double rate = ingestRate / 2;
        long now = Instant.now().getEpochSecond();
        Duration span = Duration.ofSeconds(size.freshnessMarkers()).plus(size.measure());
        ExecutorService loader = Executors.newSingleThreadExecutor();
        Future<LoadResult> backgroundLoad =
                loader.submit(
                        () ->
                                background.paced(
                                        i ->
                                                HttpLoad.post(
                                                        ingestPort,
                                                        "/analytics?timestamp="
                                                                + now
                                                                + "&user=f"
                                                                + (i % 50_000)
                                                                + "&event=impression"),
                                        rate,
                                        span));
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < size.freshnessMarkers(); i++) {
            millis.add(
                    markerMillis(
                            ingestPort,
                            queryPort,
                            MARKER_HOURS.plus(Duration.ofHours(i)).plus(Duration.ofMinutes(30))));
            Thread.sleep(250);
        }
        LoadResult loadResult = backgroundLoad.get();
        loader.shutdown();
        Collections.sort(millis);
        double p50 = millis.get(millis.size() / 2);
        double p99 = millis.get((int) Math.ceil(millis.size() * 0.99) - 1);
        return new ScenarioResult.Builder(
                        "4. End-to-end freshness at half the sustained ingest rate",
                        "markers",
                        "p50 ms",
                        "p99 ms",
                        "max ms",
                        "background load")
                .row(
                        millis.size(),
                        f(p50),
                        f(p99),
                        f(millis.get(millis.size() - 1)),
                        String.format(
                                "%,.0f POST/s asked, %,.0f/s done", rate, loadResult.perSecond()))
                .target("p99 <= 1 s from 204 to visible in GET", f(p99) + " ms", p99 <= 1000)
                .note(
                        "Visible means a GET /analytics?window=hour counts the marker; the writer batches every 200 ms"
                                + " and query-api refreshes its cache every 250 ms (bound 1 s).")
                .build();
    }

    private double markerMillis(int ingestPort, int queryPort, Instant at)
            throws InterruptedException {
        String user = "marker-" + at.getEpochSecond();
        HttpResponse<String> posted =
                load.send(
                        HttpLoad.post(
                                ingestPort,
                                "/analytics?timestamp="
                                        + at.getEpochSecond()
                                        + "&user="
                                        + user
                                        + "&event=click"));
        if (posted.statusCode() != 204) {
            throw new IllegalStateException(
                    "marker POST answered " + posted.statusCode() + ": " + posted.body());
        }
        long acknowledged = System.nanoTime();
        long deadline = acknowledged + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String body =
                    load.send(
                                    HttpLoad.get(
                                            queryPort,
                                            "/analytics?timestamp="
                                                    + at.getEpochSecond()
                                                    + "&window=hour"))
                            .body();
            if (body.contains("clicks,1")) {
                return (System.nanoTime() - acknowledged) / 1e6;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("marker at " + at + " not visible within 30 s");
    }
}
