package io.useranalytics.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The bench's HTTP client: the JDK's, HTTP/1.1 keep-alive, with {@code concurrency} requests in
 * flight (closed loop) for a bounded time. The same client measures the services and their
 * ceilings, so their ratio is fair even where the client itself is the bottleneck.
 */
final class HttpLoad implements LoadClient, AutoCloseable {
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .executor(executor)
                    .build();
    private final int concurrency;
    private final PrintStream out;

    HttpLoad(int concurrency, PrintStream out) {
        this.concurrency = concurrency;
        this.out = out;
    }

    @Override
    public String description() {
        return "the JDK's HttpClient, " + concurrency + " requests in flight (keep-alive)";
    }

    @Override
    public int connections() {
        return concurrency;
    }

    @Override
    public LoadResult run(
            String task, LoadTarget target, int expectedStatus, Duration warmup, Duration measure)
            throws InterruptedException {
        LongFunction<HttpRequest> requests = i -> request(target, i);
        closedLoop(
                requests,
                expectedStatus,
                warmup,
                new Recorder(3),
                new AtomicLong(),
                Long.MAX_VALUE);
        Recorder recorder = new Recorder(3);
        AtomicLong unexpected = new AtomicLong();
        long started = System.nanoTime();
        long sent =
                closedLoop(requests, expectedStatus, measure, recorder, unexpected, Long.MAX_VALUE);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("  %s: %,.0f req/s over %.1f s%n", task, sent / seconds, seconds);
        return result(sent, unexpected, seconds, recorder);
    }

    private static HttpRequest request(LoadTarget target, long number) {
        return target.method().equals("POST")
                ? post(target.port(), target.pathFor(number))
                : get(target.port(), target.pathFor(number));
    }

    /** Sends about {@code perSecond} requests a second (open loop) for {@code duration}. */
    /** Sends requests at a steady rate; {@code unexpected} counts answers other than the status. */
    LoadResult paced(
            LongFunction<HttpRequest> requests,
            int expectedStatus,
            double perSecond,
            Duration duration)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong unexpected = new AtomicLong();
        Semaphore inFlight = new Semaphore(concurrency);
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < deadline) {
            long due = started + (long) (sent * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            sendTracked(requests.apply(sent), expectedStatus, recorder, unexpected, inFlight);
            sent++;
        }
        inFlight.tryAcquire(concurrency, 30, TimeUnit.SECONDS);
        return result(sent, unexpected, (System.nanoTime() - started) / 1e9, recorder);
    }

    /** One request, answered or not: for probes such as freshness markers. */
    HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }

    /** How long one GET of {@code pathAndQuery} takes, in milliseconds. */
    double millisOfOneGet(int port, String pathAndQuery) throws InterruptedException {
        long started = System.nanoTime();
        send(get(port, pathAndQuery));
        return (System.nanoTime() - started) / 1e6;
    }

    static HttpRequest post(int port, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    static HttpRequest postNdjson(int port, String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    static HttpRequest get(int port, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
    }

    private long closedLoop(
            LongFunction<HttpRequest> requests,
            int expectedStatus,
            Duration duration,
            Recorder recorder,
            AtomicLong unexpected,
            long maxRequests)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        long deadline = System.nanoTime() + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < deadline && sent < maxRequests) {
            if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            sendTracked(requests.apply(sent), expectedStatus, recorder, unexpected, inFlight);
            sent++;
        }
        inFlight.tryAcquire(concurrency, 30, TimeUnit.SECONDS);
        return sent;
    }

    /** Sends without waiting; records the latency, counts a failure or unexpected status. */
    private void sendTracked(
            HttpRequest request,
            int expectedStatus,
            Recorder recorder,
            AtomicLong unexpected,
            Semaphore inFlight) {
        long began = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete(
                        (response, error) -> {
                            recorder.recordValue(Math.max(1, (System.nanoTime() - began) / 1_000));
                            if (error != null || response.statusCode() != expectedStatus) {
                                unexpected.incrementAndGet();
                            }
                            inFlight.release();
                        });
    }

    private static LoadResult result(
            long sent, AtomicLong unexpected, double seconds, Recorder recorder) {
        Histogram latencies = recorder.getIntervalHistogram();
        return new LoadResult(
                sent,
                unexpected.get(),
                seconds,
                latencies.getValueAtPercentile(50) / 1000.0,
                latencies.getValueAtPercentile(99) / 1000.0);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
