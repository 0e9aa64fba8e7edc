package io.useranalytics.bench;

import static io.useranalytics.bench.ScenarioResult.f;

import io.useranalytics.common.kafka.TopicSetup;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scenario 3: the writer drains a pre-filled topic into the database (users, events, rollups,
 * offsets) against a binary COPY of the same number of rows into a bare table.
 */
final class WriterScenario {
    static final String TOPIC = "analytics.events";
    private static final Pattern PHASE =
            Pattern.compile(
                    "writer_batch_phase_seconds_sum\\{phase=\"([a-z_]+)\",?\\} ([0-9.E+-]+)");

    private final BenchEnvironment env;
    private final HttpLoad load;
    private final BenchSize size;
    private final PrintStream out;

    WriterScenario(BenchEnvironment env, HttpLoad load, BenchSize size, PrintStream out) {
        this.env = env;
        this.load = load;
        this.size = size;
        this.out = out;
    }

    /** What the database allows for one pair's rows: the ceilings, each timed alone. */
    private record Ceilings(double bare, double indexed, double usersSeconds, int events) {
        /** Events per second of the indexed COPY followed by adding the users. */
        double floor() {
            return events / (events / indexed + usersSeconds);
        }
    }

    /** One pair's writer drains: cold (every user new), then warm (the same users again). */
    private record Drains(double cold, double warm, String coldPhases) {}

    ScenarioResult run() throws Exception {
        TopicSetup.ensure(env.bootstrapServers(), Map.of(TOPIC, 6, TOPIC + ".dlq", 6));
        int writerPort = env.startService("writer", Map.of());
        WriterCeilings ceilings = new WriterCeilings(env, size, out);
        long[] stored = {0};
        double[] cpu = {0};
        CpuMeter.Use[] machine = new CpuMeter.Use[1];
        Pairs<Ceilings, Drains> pairs =
                Pairs.measure(
                        pair -> ceilings(ceilings),
                        pair -> {
                            double before = env.cpuSeconds("writer");
                            CpuMeter.Sample start = CpuMeter.sample();
                            Map<String, Double> phasesBefore = phaseSeconds(writerPort);
                            double cold = timedDrain("c" + pair + "-", stored);
                            String phases = phases(phasesBefore, phaseSeconds(writerPort));
                            if (pair == 1) {
                                cpu[0] = env.cpuSeconds("writer") - before;
                                machine[0] = CpuMeter.between(start, CpuMeter.sample());
                            }
                            return new Drains(cold, timedDrain("c" + pair + "-", stored), phases);
                        });
        return report(pairs, cpu[0], machine[0]);
    }

    /** The pairs' table, the targets, and notes on the floor, the time index, CPU and phases. */
    private ScenarioResult report(
            Pairs<Ceilings, Drains> pairs, double writerCpu, CpuMeter.Use machine)
            throws Exception {
        Ratios warm = pairs.ratios(Drains::warm, Ceilings::bare);
        Ratios cold = pairs.ratios(Drains::cold, Ceilings::floor);
        TimeIndexChoice index = new TimeIndexChoice(env, size, out);
        ScenarioResult.Builder result = table(pairs);
        Ceilings median = pairs.ceiling(cold.medianIndex());
        double drainSeconds = size.writerEvents() / pairs.subject(0).cold();
        return result.target(
                        "warm writer >= 35% of the bare COPY",
                        warm.percentages(), warm.median() >= 0.35)
                .target(
                        "cold writer >= 75% of the floor",
                        cold.percentages(), cold.median() >= 0.75)
                .note(
                        "Each pair times the ceilings (binary COPY of the events' blocks, a row per"
                                + " second per batch of 100,000 events, into a bare table; the same"
                                + " COPY into a table with a btree on second; adding the drain's users to"
                                + " an empty copy of users), then the writer: cold, the pair's events"
                                + " with users never seen before (every fifth event brings a new"
                                + " one), then warm, the same events again with fresh times (every"
                                + " user known, a running system's steady state). The writer is"
                                + " frozen (SIGSTOP) while a drain's events are produced and timed"
                                + " from its resume to the last stored row.")
                .note(
                        String.format(
                                "The floor is what any writer of these events and users costs the"
                                        + " database before rollups and offsets; in the median cold"
                                        + " pair the btree COPY alone reached %.0f%% of the bare one,"
                                        + " the floor %.0f%%.",
                                100 * median.indexed() / median.bare(),
                                100 * median.floor() / median.bare()))
                .note(index.run(this::eventTime))
                .note(cpuNote(writerCpu, machine))
                .note(
                        "Where the cold writer's time goes (pair 1, "
                                + String.format("%.1f s", drainSeconds)
                                + "): "
                                + pairs.subject(0).coldPhases()
                                + ".")
                .build();
    }

    private String cpuNote(double writerCpu, CpuMeter.Use machine) {
        return String.format(
                "Writer CPU in pair 1's cold drain: %.1f s for %,d events = %,.0f events"
                        + " per CPU-second. The machine's cores were %.0f%% busy"
                        + " (/proc/stat): %.1f core-seconds, of which the writer %.1f,"
                        + " PostgreSQL %.1f and everything else %.1f (the bench's"
                        + " polling, the broker serving the fetches).",
                writerCpu,
                size.writerEvents(),
                size.writerEvents() / writerCpu,
                100 * machine.busyShare(),
                machine.busyCoreSeconds(),
                writerCpu,
                machine.postgresSeconds(),
                machine.busyCoreSeconds() - writerCpu - machine.postgresSeconds());
    }

    private ScenarioResult.Builder table(Pairs<Ceilings, Drains> pairs) {
        ScenarioResult.Builder result =
                new ScenarioResult.Builder(
                        String.format(
                                "3. Writer throughput (%,d events from %,d users per drain)",
                                size.writerEvents(), size.writerUsers()),
                        "pair",
                        "bare COPY events/s",
                        "btree COPY events/s",
                        "adding the users s",
                        "floor events/s",
                        "writer cold events/s",
                        "writer warm events/s");
        for (int i = 0; i < pairs.count(); i++) {
            Ceilings ceiling = pairs.ceiling(i);
            Drains drains = pairs.subject(i);
            result.row(
                    i + 1,
                    f(ceiling.bare()),
                    f(ceiling.indexed()),
                    f(ceiling.usersSeconds()),
                    f(ceiling.floor()),
                    f(drains.cold()),
                    f(drains.warm()));
        }
        return result;
    }

    private Ceilings ceilings(WriterCeilings ceilings) throws Exception {
        Random times = new Random(5);
        long now = Instant.now().toEpochMilli();
        double bare = ceilings.copy(WriterCeilings.TimeIndex.NONE, i -> eventTime(i, now, times));
        double indexed =
                ceilings.copy(WriterCeilings.TimeIndex.BTREE, i -> eventTime(i, now, times));
        return new Ceilings(bare, indexed, ceilings.addUsersSeconds(), size.writerEvents());
    }

    /**
     * Produces the scenario's events (users {@code prefix}0.. with fresh times) while the writer is
     * frozen, resumes it and returns its rate from the resume to the last stored row.
     */
    private double timedDrain(String prefix, long[] stored) throws Exception {
        env.pauseService("writer");
        try {
            prefill(prefix);
        } finally {
            env.resumeService("writer");
        }
        long resumed = System.nanoTime();
        long done = awaitDrained(stored[0], stored[0] + size.writerEvents(), resumed);
        stored[0] += size.writerEvents();
        return size.writerEvents() / ((done - resumed) / 1e9);
    }

    private void prefill(String prefix) {
        Map<String, Object> settings =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        env.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class);
        Random random = new Random(3);
        long now = Instant.now().toEpochMilli();
        Progress progress = new Progress(out, "pre-filling the topic", size.writerEvents());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings)) {
            for (int i = 0; i < size.writerEvents(); i++) {
                String user = prefix + random.nextInt(size.writerUsers());
                long at = eventTime(i, now, random);
                String kind = random.nextBoolean() ? "click" : "impression";
                String value =
                        "{\"timestamp\":"
                                + at
                                + ",\"user\":\""
                                + user
                                + "\",\"event\":\""
                                + kind
                                + "\"}";
                producer.send(
                        new ProducerRecord<>(
                                TOPIC,
                                user.getBytes(StandardCharsets.UTF_8),
                                value.getBytes(StandardCharsets.UTF_8)));
                progress.update(i);
            }
            producer.flush();
        }
    }

    /**
     * The issues' traffic: events arrive in time order over the last hour, and about 5% carry a
     * historic timestamp from the last day.
     */
    long eventTime(int i, long now, Random random) {
        if (random.nextInt(20) == 0) {
            return now - (long) (random.nextDouble() * 24 * 3_600_000);
        }
        return now - 3_600_000 + (long) i * 3_600_000 / size.writerEvents();
    }

    private long endOffsetsTotal() {
        Map<String, Object> settings =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                                ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(TOPIC).stream()
                            .map(p -> new TopicPartition(TOPIC, p.partition()))
                            .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    /** Polls the stored offsets; returns when {@code total} rows had been stored. */
    private long awaitDrained(long from, long total, long started)
            throws SQLException, InterruptedException {
        Progress progress = new Progress(out, "writer draining the topic", total - from);
        long deadline = started + size.budget().toNanos();
        try (Connection connection = env.connect();
                Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                long done;
                try (ResultSet row =
                        statement.executeQuery(
                                "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets")) {
                    row.next();
                    done = row.getLong(1);
                }
                if (done >= total) {
                    return System.nanoTime();
                }
                progress.update(done - from);
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(
                "the writer did not drain " + total + " events within " + size.budget());
    }

    /** The writer's cumulative seconds per batch phase, from its metrics. */
    private Map<String, Double> phaseSeconds(int writerPort) throws InterruptedException {
        HttpResponse<String> metrics = load.send(HttpLoad.get(writerPort, "/metrics"));
        Map<String, Double> seconds = new LinkedHashMap<>();
        Matcher matcher = PHASE.matcher(metrics.body());
        while (matcher.find()) {
            seconds.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return seconds;
    }

    private static String phases(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        after.forEach((phase, s) -> seconds.put(phase, s - before.getOrDefault(phase, 0.0)));
        double users = seconds.getOrDefault("users", 0.0);
        seconds.remove("users");
        double stored = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder shares = new StringBuilder();
        seconds.forEach(
                (phase, s) ->
                        shares.append(shares.length() == 0 ? "" : ", ")
                                .append(phase)
                                .append(String.format(" %.0f%%", 100 * s / stored)));
        return String.format(
                "the poll thread spent %.1f s adding users (besides polling and decoding), the"
                        + " store thread %.1f s writing batches (%s), side by side",
                users, stored, shares);
    }
}
