package io.useranalytics.system.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.system.RunningServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000 random, mostly malformed requests at ingest-api and query-api: never a 5xx, never a stack
 * trace in an answer, and both still serve real requests afterwards.
 */
class FuzzIT {
    private static final int REQUESTS_PER_SERVICE = 5_000;
    private static final int THREADS = 4;

    @RegisterExtension static final RunningServices services = new RunningServices();

    @Test
    void malformed_requests_never_get_a_5xx_or_a_stack_trace_and_the_services_stay_healthy()
            throws Exception {
        long seed = System.nanoTime();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> bad = new ArrayList<>();

        fuzz(new RawHttp(services.get().ingest.port()), seed, statuses, bad);
        fuzz(new RawHttp(services.get().query.port()), seed + 1, statuses, bad);

        System.out.printf(
                "FuzzIT seed %d: %d requests, answers by status %s%n",
                seed, 2 * REQUESTS_PER_SERVICE, new TreeMap<>(statuses));
        assertThat(bad).as("answers that are 5xx or show internals (seed %d)", seed).isEmpty();
        assertThat(statuses.keySet()).allMatch(status -> status < 500);
        assertThat(services.get().ingest.http().get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(services.get().query.http().get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(
                        services.get()
                                .ingest
                                .http()
                                .post("/analytics?timestamp=1224567997&user=after-fuzz&event=click")
                                .statusCode())
                .isEqualTo(204);
        assertThat(services.get().query.http().get("/analytics?timestamp=1224567997").statusCode())
                .isEqualTo(200);
    }

    private static void fuzz(
            RawHttp http, long seed, Map<Integer, AtomicInteger> statuses, List<String> bad)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                MalformedRequests requests = new MalformedRequests(seed * 31 + t);
                workers.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < REQUESTS_PER_SERVICE / THREADS; i++) {
                                        check(http, requests.next(), statuses, bad);
                                    }
                                    return null;
                                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(
            RawHttp http, byte[] request, Map<Integer, AtomicInteger> statuses, List<String> bad)
            throws IOException {
        RawHttp.Answer answer = http.exchange(request);
        statuses.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
        String text = answer.text();
        if (answer.status() >= 500
                || text.contains("Exception")
                || text.contains("\tat ")
                || text.contains("io.useranalytics")) {
            synchronized (bad) {
                bad.add(
                        new String(
                                        request,
                                        0,
                                        Math.min(request.length, 200),
                                        StandardCharsets.ISO_8859_1)
                                + " -> "
                                + text.substring(0, Math.min(text.length(), 400)));
            }
        }
    }
}
