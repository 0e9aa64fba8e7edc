package io.useranalytics.bench;

import static io.useranalytics.bench.ScenarioResult.f;

import io.useranalytics.common.kafka.TopicSetup;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scenario 3b: 1, 2 and 4 writer processes in one consumer group drain the same number of events
 * (stamped within the last minute, so every batch touches the same current rollup buckets) from a
 * 6-partition topic, each count with a topic, group and schema of its own. Once every writer holds
 * its partitions and has drained an untimed warm-up, the writers are frozen (SIGSTOP) while the
 * events are produced, then resumed together: the drain times the writers alone. PostgreSQL's own
 * pg_stat_activity, sampled every 50 ms, tells how much of the writers' database time waited on a
 * lock.
 */
final class WritersScenario {
    private static final String TOPIC_PREFIX = "analytics.writers.";
    private static final int[] WRITERS = {1, 2, 4};
    private static final String SAMPLE =
            "SELECT coalesce(wait_event_type, ''), coalesce(wait_event, ''), count(*)"
                    + " FROM pg_stat_activity WHERE application_name = 'writer'"
                    + " AND state = 'active' GROUP BY 1, 2";

    private final BenchEnvironment env;
    private final BenchSize size;
    private final PrintStream out;

    WritersScenario(BenchEnvironment env, BenchSize size, PrintStream out) {
        this.env = env;
        this.size = size;
        this.out = out;
    }

    /** One drain by {@code writers} processes. */
    private record Drain(
            int writers,
            long rows,
            double seconds,
            double writerCpu,
            double postgresCpu,
            double coresBusy,
            long activeSamples,
            Map<String, Long> lockSamplesByEvent) {
        Drain {
            lockSamplesByEvent = Map.copyOf(lockSamplesByEvent);
        }

        long lockSamples() {
            return lockSamplesByEvent.values().stream().mapToLong(Long::longValue).sum();
        }

        double rate() {
            return rows / seconds;
        }

        double lockShare() {
            return activeSamples == 0 ? 0 : (double) lockSamples() / activeSamples;
        }
    }

    ScenarioResult run() throws Exception {
        List<List<Drain>> rounds = new ArrayList<>();
        for (int round = 1; round <= size.writersRounds(); round++) {
            List<Drain> drains = new ArrayList<>();
            for (int writers : WRITERS) {
                drains.add(drain(writers, round));
            }
            rounds.add(drains);
        }
        ScenarioResult.Builder result =
                new ScenarioResult.Builder(
                        String.format(
                                "3b. Writers in one group (%,d events, 6 partitions)",
                                size.writersEvents()),
                        "round",
                        "writers",
                        "events/s",
                        "vs 1 writer",
                        "writer CPU µs/event",
                        "PostgreSQL CPU µs/event",
                        "cores busy",
                        "active samples waiting on a lock");
        List<Double> twoToOne = new ArrayList<>();
        List<Double> fourLockShares = new ArrayList<>();
        List<Drain> all = new ArrayList<>();
        for (int round = 0; round < rounds.size(); round++) {
            List<Drain> drains = rounds.get(round);
            Drain one = drains.get(0);
            for (Drain drain : drains) {
                result.row(
                        round + 1,
                        drain.writers(),
                        f(drain.rate()),
                        String.format("%.2fx", drain.rate() / one.rate()),
                        f(1e6 * drain.writerCpu() / drain.rows()),
                        f(1e6 * drain.postgresCpu() / drain.rows()),
                        String.format("%.0f%%", 100 * drain.coresBusy()),
                        String.format(
                                "%.1f%% of %,d", 100 * drain.lockShare(), drain.activeSamples()));
            }
            twoToOne.add(drains.get(1).rate() / one.rate());
            fourLockShares.add(drains.get(2).lockShare());
            all.addAll(drains);
        }
        return verdicts(result, rounds.size(), twoToOne, fourLockShares, all);
    }

    /** The targets (lock waits with 4 writers, 2 writers against 1) and the notes. */
    private ScenarioResult verdicts(
            ScenarioResult.Builder result,
            int rounds,
            List<Double> twoToOne,
            List<Double> fourLockShares,
            List<Drain> all) {
        Ratios scaling = new Ratios(twoToOne);
        Ratios locks = new Ratios(fourLockShares);
        return result.target(
                        "lock waits <= 2% of the writers' active samples with 4 writers",
                        String.format("%.1f%%", 100 * locks.median())
                                + fourLockShares.stream()
                                        .map(v -> String.format("%.1f%%", 100 * v))
                                        .collect(
                                                java.util.stream.Collectors.joining(
                                                        ", ", " (rounds: ", ")")),
                        locks.median() <= 0.02)
                .target(
                        "2 writers at least as fast as 1",
                        scaling.factors("rounds"),
                        scaling.median() >= 1)
                .note(
                        (rounds == 1
                                        ? "One round of 1, 2 and 4 writers (quick)."
                                        : rounds
                                                + " rounds of 1, 2 and 4 writers, in turn; a"
                                                + " verdict is the median round's.")
                                + " Each count drains the same number of events into a"
                                + " schema of its own with a group of its own, after a quarter as"
                                + " many untimed (JIT warm-up); the writers are frozen while the"
                                + " events are produced and resumed together, timed from the resume"
                                + " to the last stored row. A bucket's rollup has a row per shard"
                                + " (the batch's lowest partition), so writers holding different"
                                + " partitions never update the same row. Samples: pg_stat_activity"
                                + " rows of application 'writer' in state active, every 50 ms.")
                .note(
                        "Cores busy: the machine's cores during the drain, all processes"
                                + " (/proc/stat). Where one writer and PostgreSQL already keep them"
                                + " busy, more writers only add their own CPU per event: on this"
                                + " machine they cannot be faster, and the scale-out they allow is"
                                + " that of more cores (next note).")
                .note(lockEvents(all))
                .note(cpuPerCore(all))
                .build();
    }

    /** Which locks the writers waited on: PostgreSQL's wait_event of each Lock sample. */
    private static String lockEvents(List<Drain> drains) {
        StringBuilder text =
                new StringBuilder("Lock samples by PostgreSQL wait event, all rounds:");
        for (int writers : WRITERS) {
            Map<String, Long> events = new java.util.TreeMap<>();
            drains.stream()
                    .filter(drain -> drain.writers() == writers)
                    .forEach(
                            drain ->
                                    drain.lockSamplesByEvent()
                                            .forEach(
                                                    (event, count) ->
                                                            events.merge(event, count, Long::sum)));
            text.append(String.format(" %d writer(s) ", writers))
                    .append(events.isEmpty() ? "none" : events.toString())
                    .append(';');
        }
        text.setLength(text.length() - 1);
        return text
                + " (extend: growing a table or index file; transactionid: waiting for another"
                + " transaction to end; tuple: a row another transaction holds).";
    }

    /** What the CPU per event means for a machine with more cores. */
    private static String cpuPerCore(List<Drain> drains) {
        Drain best = drains.stream().max((a, b) -> Double.compare(a.rate(), b.rate())).get();
        double perRow = (best.writerCpu() + best.postgresCpu()) / best.rows();
        double postgresShare = best.postgresCpu() / (best.writerCpu() + best.postgresCpu());
        return String.format(
                "At %.1f µs of CPU per event (writers %.0f%%, PostgreSQL %.0f%%), one core stores"
                        + " about %,.0f events/s; N cores about N times that, until the one database"
                        + " primary's own share (%.1f µs per event) fills its cores: about %,.0f events/s"
                        + " per core of the primary.",
                1e6 * perRow,
                100 * (1 - postgresShare),
                100 * postgresShare,
                1 / perRow,
                1e6 * best.postgresCpu() / best.rows(),
                best.rows() / best.postgresCpu());
    }

    private Drain drain(int writers, int round) throws Exception {
        String schema = "bench_writers_" + round + "_" + writers;
        String topic = TOPIC_PREFIX + round + "." + writers;
        String group = "bench-writers-" + round + "-" + writers;
        TopicSetup.ensure(env.bootstrapServers(), Map.of(topic, 6, topic + ".dlq", 6));
        env.dropSchema(schema);
        Map<String, String> settings =
                Map.of(
                        "KAFKA_TOPIC", topic,
                        "KAFKA_DLQ_TOPIC", topic + ".dlq",
                        "DATABASE_SCHEMA", schema,
                        "WRITER_GROUP_ID", group);
        out.printf("  round %d, %d writer(s)%n", round, writers);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= writers; i++) {
            String name = "writer-" + round + "-" + writers + "-" + i;
            env.startService("writer", name, settings);
            names.add(name);
        }
        awaitAssigned(group, writers);
        // A fresh writer JVM is several times slower until its hot paths are compiled.
        int warmup = size.writersEvents() / 4;
        produce(topic, warmup, 11);
        awaitDrained(schema, 0, warmup);
        Drain drain = timedDrain(writers, names, topic, schema, warmup);
        for (String name : names) {
            env.stopService(name);
        }
        try (Connection connection = env.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        return drain;
    }

    /**
     * The timed drain: events produced while the writers are frozen, so that it times the writers
     * alone and all of them start on a full topic at once; CPU and lock samples over the drain.
     */
    private Drain timedDrain(
            int writers, List<String> names, String topic, String schema, int warmup)
            throws Exception {
        for (String name : names) {
            env.pauseService(name);
        }
        produce(topic, size.writersEvents(), 7);
        double writerCpuBefore = 0;
        for (String name : names) {
            writerCpuBefore += env.cpuSeconds(name);
        }
        CpuMeter.Sample machineStart = CpuMeter.sample();
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong active = new AtomicLong();
        Map<String, Long> locked = new ConcurrentHashMap<>();
        Thread sampler = new Thread(() -> sample(sampling, active, locked), "lock-sampler");
        sampler.start();
        for (String name : names) {
            env.resumeService(name);
        }
        // Timed from the resume: a batch commits its rows at once, so the first stored row may
        // already be a large part of the drain.
        long resumed = System.nanoTime();
        long[] firstAndDone = awaitDrained(schema, warmup, warmup + size.writersEvents());
        sampling.set(false);
        sampler.join();
        CpuMeter.Use machine = CpuMeter.between(machineStart, CpuMeter.sample());
        double writerCpu = -writerCpuBefore;
        for (String name : names) {
            writerCpu += env.cpuSeconds(name);
        }
        return new Drain(
                writers,
                size.writersEvents(),
                (firstAndDone[1] - resumed) / 1e9,
                writerCpu,
                machine.postgresSeconds(),
                machine.busyShare(),
                active.get(),
                locked);
    }

    /** Counts the writers' active backends, and those waiting on a lock by wait event. */
    private void sample(AtomicBoolean sampling, AtomicLong active, Map<String, Long> locked) {
        try (Connection connection = env.connect();
                Statement statement = connection.createStatement()) {
            while (sampling.get()) {
                try (ResultSet rows = statement.executeQuery(SAMPLE)) {
                    while (rows.next()) {
                        active.addAndGet(rows.getLong(3));
                        if (rows.getString(1).equals("Lock")) {
                            locked.merge(rows.getString(2), rows.getLong(3), Long::sum);
                        }
                    }
                }
                Thread.sleep(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sampling pg_stat_activity failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns when the first row past {@code from} and the last of {@code total} were stored. */
    private long[] awaitDrained(String schema, long from, long total)
            throws SQLException, InterruptedException {
        Progress progress = new Progress(out, "draining", total - from);
        long first = 0;
        long deadline = System.nanoTime() + size.budget().toNanos();
        try (Connection connection = env.connect();
                Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                long done = 0;
                if (statement
                        .executeQuery(
                                "SELECT 1 FROM information_schema.tables WHERE table_schema = '"
                                        + schema
                                        + "' AND table_name = 'consumer_offsets'")
                        .next()) {
                    try (ResultSet row =
                            statement.executeQuery(
                                    "SELECT coalesce(sum(next_offset), 0) FROM "
                                            + schema
                                            + ".consumer_offsets")) {
                        row.next();
                        done = row.getLong(1);
                    }
                }
                if (done > from && first == 0) {
                    first = System.nanoTime();
                }
                if (done >= total) {
                    return new long[] {first, System.nanoTime()};
                }
                progress.update(done - from);
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(
                "the writers did not drain " + total + " events within " + size.budget());
    }

    /** Waits until the group has {@code writers} members, each holding partitions. */
    private void awaitAssigned(String group, int writers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                env.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription description =
                        admin.describeConsumerGroups(List.of(group))
                                .all()
                                .get(10, TimeUnit.SECONDS)
                                .get(group);
                if (description.members().size() == writers
                        && description.members().stream()
                                .allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(
                "group " + group + " did not get " + writers + " members with partitions in 60 s");
    }

    /** Events of the last minute from {@code writerUsers} users, all in the current buckets. */
    private void produce(String topic, int events, long seed) {
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
        Random random = new Random(seed);
        long now = Instant.now().toEpochMilli();
        Progress progress = new Progress(out, "producing to " + topic, events);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings)) {
            for (int i = 0; i < events; i++) {
                String user = "m" + random.nextInt(size.writerUsers());
                long at = now - 60_000 + random.nextInt(60_000);
                String value =
                        "{\"timestamp_ms\":"
                                + at
                                + ",\"user\":\""
                                + user
                                + "\",\"event\":\""
                                + (random.nextBoolean() ? "click" : "impression")
                                + "\"}";
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                user.getBytes(StandardCharsets.UTF_8),
                                value.getBytes(StandardCharsets.UTF_8)));
                progress.update(i);
            }
            producer.flush();
        }
    }
}
