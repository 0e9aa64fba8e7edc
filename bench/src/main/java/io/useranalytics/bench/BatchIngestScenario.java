package io.useranalytics.bench;

import static io.useranalytics.bench.ScenarioResult.f;

import io.useranalytics.common.kafka.KafkaConnection;
import io.useranalytics.common.kafka.ProducerSettings;
import io.useranalytics.common.kafka.TopicSetup;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.EventKind;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Scenario 2: NDJSON batches of 1,000 events POSTed to ingest-api, against the ceiling of Kafka's
 * own producer sending the same records with the same settings from this process. Both write to a
 * topic of their own, so the writer scenario's topic stays as it was.
 */
final class BatchIngestScenario {
    private static final String TOPIC = "bench.batch";
    private static final String CEILING_TOPIC = "bench.batch.ceiling";
    private static final int EVENTS_PER_REQUEST = 1_000;
    private static final int CONNECTIONS = 4;

    private static final int DISTINCT_BODIES = 100;

    /**
     * The warm-up is bounded by time: at this many times the measured events it would outlast any
     * warm-up duration (a fresh producer sends its first million records several times slower).
     */
    private static final int WARMUP_EVENTS_FACTOR = 20;

    private final BenchEnvironment env;
    private final BenchSize size;
    private final PrintStream out;
    private final EventJson json = new EventJson();

    BatchIngestScenario(BenchEnvironment env, BenchSize size, PrintStream out) {
        this.env = env;
        this.size = size;
        this.out = out;
    }

    ScenarioResult run() throws Exception {
        int events = size.batchEvents();
        TopicSetup.ensure(env.bootstrapServers(), Map.of(TOPIC, 6, CEILING_TOPIC, 6));
        Duration warmup = size.jvmWarmup();
        int warmupEvents = events * WARMUP_EVENTS_FACTOR;
        producerRate(
                warmupEvents, warmup, "Kafka producer warm-up (at most " + seconds(warmup) + ")");
        int port = env.startService("ingest-api", Map.of("KAFKA_TOPIC", TOPIC));
        Pairs<Run, Run> pairs;
        try {
            httpRate(
                    port,
                    warmupEvents,
                    warmup,
                    "POST /analytics/batch warm-up (at most " + seconds(warmup) + ")");
            pairs =
                    Pairs.measure(
                            pair -> timed(() -> producerRun(events, pair)),
                            pair -> timed(() -> httpRun(port, events, pair)));
        } finally {
            env.stopService("ingest-api");
        }
        return report(pairs, warmup, warmupEvents);
    }

    /** The pairs' table, the target and the median pair's CPU figures. */
    private ScenarioResult report(Pairs<Run, Run> pairs, Duration warmup, int warmupEvents) {
        int events = size.batchEvents();
        Ratios ratios = pairs.ratios(Run::perSecond, Run::perSecond);
        int median = ratios.medianIndex();
        Run ceiling = pairs.ceiling(median);
        Run measured = pairs.subject(median);
        ScenarioResult.Builder table = table(pairs);
        double ceilingCpu = ceiling.benchCpu();
        double ingestCpu = measured.serviceCpu();
        double benchCpu = measured.benchCpu();
        CpuMeter.Use ceilingMachine = ceiling.machine();
        CpuMeter.Use ingestMachine = measured.machine();
        return table.target(
                        ">= 50% of the producer's throughput",
                        ratios.percentages(), ratios.median() >= 0.5)
                .note(
                        "The producer and ingest-api were measured in turn, three times each; the"
                                + " verdict is the median pair's ratio, and the CPU figures below"
                                + " are that pair's.")
                .note(
                        "Both use the services' producer settings (acks=all, idempotent, linger "
                                + ProducerSettings.LINGER_MS
                                + " ms) and the same"
                                + " keys and values; each 200 waited for Kafka's acknowledgement of all 1,000 events.")
                .note(
                        String.format(
                                "Both ran untimed first, for %s or %,d events, whichever came first: a fresh broker, producer"
                                        + " and service JVM are several times slower until their"
                                        + " hot paths are compiled. CPU per 1,000 events: ceiling %.0f ms"
                                        + " (producer and broker, the bench JVM); ingest-api %.0f ms"
                                        + " (HTTP, parsing, checking, encoding, its producer) plus %.0f ms"
                                        + " in the bench JVM (broker and HTTP client), on 2 shared cores.",
                                seconds(warmup),
                                warmupEvents,
                                ceilingCpu * 1e6 / events,
                                ingestCpu * 1e6 / events,
                                benchCpu * 1e6 / events))
                .note(
                        String.format(
                                "The machine's cores were %.0f%% busy while the producer ran and %.0f%%"
                                        + " during ingest-api's run (all processes, /proc/stat). Machine CPU"
                                        + " per 1,000 events: ceiling %.1f ms, ingest-api's path %.1f ms; with"
                                        + " the cores as busy, 50%% of the ceiling's rate allows at most"
                                        + " %.1f ms.",
                                100 * ceilingMachine.busyShare(),
                                100 * ingestMachine.busyShare(),
                                ceilingMachine.busyCoreSeconds() * 1e6 / events,
                                ingestMachine.busyCoreSeconds() * 1e6 / measured.events(),
                                2 * ceilingMachine.busyCoreSeconds() * 1e6 / events))
                .build();
    }

    private static ScenarioResult.Builder table(Pairs<Run, Run> pairs) {
        ScenarioResult.Builder table =
                new ScenarioResult.Builder(
                        "2. HTTP batch ingest (NDJSON, 1,000 events per request, "
                                + CONNECTIONS
                                + " connections)",
                        "path",
                        "events",
                        "events/s",
                        "requests not 200");
        for (int i = 0; i < pairs.count(); i++) {
            Run producer = pairs.ceiling(i);
            Run http = pairs.subject(i);
            table.row(
                            "Kafka producer in the bench JVM (ceiling), pair " + (i + 1),
                            String.format("%,d", producer.events()),
                            f(producer.perSecond()),
                            "-")
                    .row(
                            "ingest-api POST /analytics/batch, pair " + (i + 1),
                            String.format("%,d", http.events()),
                            f(http.perSecond()),
                            http.failedRequests());
        }
        return table;
    }

    /** One measured send of the scenario's events: by the producer or through ingest-api. */
    private record Run(
            long events,
            double perSecond,
            long failedRequests,
            double benchCpu,
            double serviceCpu,
            CpuMeter.Use machine) {}

    /** A run's events, rate and failed requests, before the CPU it used is known. */
    private record Sent(long events, double perSecond, long failedRequests) {}

    private interface Sending {
        Sent send() throws Exception;
    }

    /**
     * Runs {@code sending} and adds the CPU it used: the bench JVM's, ingest-api's, the machine's.
     */
    private Run timed(Sending sending) throws Exception {
        double bench = BenchEnvironment.ownCpuSeconds();
        double service = env.cpuSeconds("ingest-api");
        CpuMeter.Sample start = CpuMeter.sample();
        Sent sent = sending.send();
        CpuMeter.Use machine = CpuMeter.between(start, CpuMeter.sample());
        return new Run(
                sent.events(),
                sent.perSecond(),
                sent.failedRequests(),
                BenchEnvironment.ownCpuSeconds() - bench,
                env.cpuSeconds("ingest-api") - service,
                machine);
    }

    private Sent producerRun(int events, int pair) {
        return new Sent(
                events,
                producerRate(events, size.budget(), "Kafka producer ceiling, pair " + pair),
                0);
    }

    private Sent httpRun(int port, int events, int pair) throws Exception {
        Measured measured =
                httpRate(port, events, size.budget(), "POST /analytics/batch, pair " + pair);
        return new Sent(measured.accepted(), measured.perSecond(), measured.failedRequests());
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    /** Sends up to {@code events} records, stopping early once {@code limit} has passed. */
    private double producerRate(int events, Duration limit, String label) {
        Random random = new Random(5);
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        int sent = 0;
        Progress progress = new Progress(out, label, events, limit);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        ProducerSettings.durable(
                                KafkaConnection.plaintext(env.bootstrapServers()),
                                "bench-ceiling",
                                Duration.ofSeconds(30)))) {
            // The clock is read once per 1,000 sends, not on every send of the measured loop.
            for (; sent < events && (sent % 1_000 != 0 || System.nanoTime() < deadline); sent++) {
                Event event = event(random);
                producer.send(
                        new ProducerRecord<>(
                                CEILING_TOPIC,
                                event.user().getBytes(StandardCharsets.UTF_8),
                                json.encode(event)));
                progress.update(sent);
            }
            producer.flush();
        }
        return sent / ((System.nanoTime() - started) / 1e9);
    }

    private record Measured(long accepted, double perSecond, long failedRequests) {}

    /** POSTs up to {@code events} events, no new request starting once {@code limit} has passed. */
    private Measured httpRate(int port, int events, Duration limit, String label) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/analytics/batch");
        int requests = events / EVENTS_PER_REQUEST;
        // Made before the clock starts: the client's own work is not the service's.
        Random random = new Random(7);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < Math.min(requests, DISTINCT_BODIES); i++) {
            bodies.add(body(random));
        }
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        Progress progress = new Progress(out, label, events, limit);
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                workers.add(
                        pool.submit(
                                () -> {
                                    long request;
                                    while (System.nanoTime() < deadline
                                            && (request = sent.getAndIncrement()) < requests) {
                                        byte[] body = bodies.get((int) (request % bodies.size()));
                                        HttpResponse<String> response = post(client, uri, body);
                                        if (response.statusCode() == 200) {
                                            accepted.addAndGet(EVENTS_PER_REQUEST);
                                        } else {
                                            failed.incrementAndGet();
                                        }
                                    }
                                    return null;
                                }));
            }
            for (Future<?> worker : workers) {
                while (!worker.isDone()) {
                    progress.update(accepted.get());
                    Thread.sleep(200);
                }
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Measured(accepted.get(), accepted.get() / seconds, failed.get());
    }

    private static HttpResponse<String> post(HttpClient client, URI uri, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-ndjson")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private byte[] body(Random random) {
        StringBuilder lines = new StringBuilder(EVENTS_PER_REQUEST * 64);
        for (int i = 0; i < EVENTS_PER_REQUEST; i++) {
            lines.append(new String(json.encode(event(random)), StandardCharsets.UTF_8))
                    .append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Event event(Random random) {
        return new Event(
                Instant.now(),
                "b" + random.nextInt(1_000_000),
                random.nextBoolean() ? EventKind.CLICK : EventKind.IMPRESSION);
    }
}
