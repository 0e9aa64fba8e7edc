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
                    "writer_batch_phase_seconds_sum\\{phase=\"([a-z]+)\",?\\} ([0-9.E+-]+)");

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

    ScenarioResult run() throws Exception {
        TopicSetup.ensure(env.bootstrapServers(), Map.of(TOPIC, 6, TOPIC + ".dlq", 6));
        prefill();
        long total = endOffsetsTotal();
        long started = System.nanoTime();
        CpuMeter.Sample machineStart = CpuMeter.sample();
        int writerPort = env.startService("writer", Map.of());
        long[] firstAndDone = awaitDrained(0, total, started);
        double drainSeconds = (firstAndDone[1] - firstAndDone[0]) / 1e9;
        double writerRate = total / drainSeconds;
        double cpu = env.cpuSeconds("writer");
        CpuMeter.Use machine = CpuMeter.between(machineStart, CpuMeter.sample());
        String phases = phases(writerPort, drainSeconds);
        double warmRate = warmRate(total);
        WriterCeilings ceilings = new WriterCeilings(env, size, out);
        Random times = new Random(5);
        long now = Instant.now().toEpochMilli();
        double bare = ceilings.copy(WriterCeilings.TimeIndex.NONE, i -> eventTime(i, now, times));
        double indexed =
                ceilings.copy(WriterCeilings.TimeIndex.BTREE, i -> eventTime(i, now, times));
        double brin = ceilings.copy(WriterCeilings.TimeIndex.BRIN, i -> eventTime(i, now, times));
        double usersSeconds = ceilings.addUsersSeconds();
        double indexedSeconds = size.writerEvents() / indexed;
        double floor = size.writerEvents() / (indexedSeconds + usersSeconds);
        ScenarioResult.Builder result =
                new ScenarioResult.Builder(
                                "3. Writer throughput ("
                                        + String.format("%,d", total)
                                        + " events, "
                                        + String.format("%,d", size.writerUsers())
                                        + " users)",
                                "what",
                                "rows/s",
                                "seconds")
                        .row(
                                "binary COPY into a bare table (ceiling)",
                                f(bare),
                                f(size.writerEvents() / bare))
                        .row(
                                "binary COPY into a table with a btree on time",
                                f(indexed),
                                f(indexedSeconds))
                        .row(
                                "binary COPY into a table with a BRIN on time (not used; a lever)",
                                f(brin),
                                f(size.writerEvents() / brin))
                        .row(
                                String.format(
                                        "adding the %,d users to an empty copy of users (no events)",
                                        size.writerUsers()),
                                f(size.writerUsers() / usersSeconds),
                                f(usersSeconds))
                        .row(
                                "floor: the indexed COPY, then adding the users (events/s)",
                                f(floor),
                                f(indexedSeconds + usersSeconds))
                        .row(
                                "writer, cold: every fifth event brings a new user",
                                f(writerRate),
                                f(drainSeconds))
                        .row(
                                "writer, warm: the same number of events, every user known",
                                f(warmRate),
                                f(total / warmRate))
                        .target(
                                "warm writer >= 35% of the bare COPY",
                                String.format("%.0f%%", 100 * warmRate / bare),
                                warmRate / bare >= 0.35)
                        .target(
                                "cold writer >= 75% of the floor",
                                String.format("%.0f%%", 100 * writerRate / floor),
                                writerRate / floor >= 0.75)
                        .note(
                                String.format(
                                        "The events table keeps a btree on time (plain PostgreSQL) and"
                                                + " users a unique index on the id given. The indexed COPY alone"
                                                + " reached %.0f%% of the bare one in this run; with the users"
                                                + " added (the floor: what any writer of these rows and users"
                                                + " costs the database, before rollups and offsets) %.0f%%. The"
                                                + " writer reached %.0f%% of the floor.",
                                        100 * indexed / bare,
                                        100 * floor / bare,
                                        100 * writerRate / floor))
                        .note(
                                String.format(
                                        "Writer CPU: %.1f s for %,d rows = %,.0f rows per CPU-second; wall time from process start %.1f s.",
                                        cpu, total, total / cpu, (firstAndDone[1] - started) / 1e9))
                        .note(
                                String.format(
                                        "From the writer's start to the drain's end the machine's cores"
                                                + " were %.0f%% busy (/proc/stat): %.1f core-seconds, of which"
                                                + " the writer %.1f, PostgreSQL %.1f and everything else %.1f"
                                                + " (the bench's polling, the broker serving the fetches).",
                                        100 * machine.busyShare(),
                                        machine.busyCoreSeconds(),
                                        cpu,
                                        machine.postgresSeconds(),
                                        machine.busyCoreSeconds()
                                                - cpu
                                                - machine.postgresSeconds()))
                        .note("Where the cold writer's time goes: " + phases + ".")
                        .note(
                                "Warm: the writer is paused (SIGSTOP) while the same events, with"
                                        + " the same users and fresh times, are produced again, then"
                                        + " resumed; timed from its first stored row of them to the"
                                        + " last.");
        return result.build();
    }

    private void prefill() {
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
                String user = "w" + random.nextInt(size.writerUsers());
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
    private long eventTime(int i, long now, Random random) {
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

    /**
     * Produces the cold run's events again (same users, fresh times) while the writer is paused,
     * then times its drain: the running system's steady state, every user known.
     */
    private double warmRate(long total) throws Exception {
        env.pauseService("writer");
        try {
            prefill();
        } finally {
            env.resumeService("writer");
        }
        long started = System.nanoTime();
        long[] firstAndDone = awaitDrained(total, 2 * total, started);
        return total / ((firstAndDone[1] - firstAndDone[0]) / 1e9);
    }

    /**
     * Polls the stored offsets; returns when the first row past {@code from} landed and when {@code
     * total} had.
     */
    private long[] awaitDrained(long from, long total, long started)
            throws SQLException, InterruptedException {
        Progress progress = new Progress(out, "writer draining the topic", total - from);
        long first = 0;
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
                if (done > from && first == 0) {
                    first = System.nanoTime();
                }
                if (done >= total) {
                    return new long[] {first, System.nanoTime()};
                }
                progress.update(done - from);
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(
                "the writer did not drain " + total + " events within " + size.budget());
    }

    private String phases(int writerPort, double drainSeconds) throws InterruptedException {
        HttpResponse<String> metrics = load.send(HttpLoad.get(writerPort, "/metrics"));
        Map<String, Double> seconds = new LinkedHashMap<>();
        Matcher matcher = PHASE.matcher(metrics.body());
        while (matcher.find()) {
            seconds.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
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
                        + " store thread %.1f s writing batches (%s), side by side in a %.1f s"
                        + " drain",
                users, stored, shares, drainSeconds);
    }
}
