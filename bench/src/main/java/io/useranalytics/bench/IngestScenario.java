package io.useranalytics.bench;

import static io.useranalytics.bench.ScenarioResult.f;

import io.useranalytics.common.kafka.ProducerSettings;
import io.useranalytics.common.kafka.TopicSetup;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Scenario 1: one event per POST against a no-op POST on the same server set-up. */
final class IngestScenario {
    /**
     * A topic of its own: its events (one new user each) must not join the writer scenario's
     * 5,000,000 events from 1,000,000 users.
     */
    private static final String TOPIC = "bench.single";

    /** The result, and ingest-api's sustained rate for the freshness scenario. */
    record Outcome(ScenarioResult result, double eventsPerSecond) {}

    private final BenchEnvironment env;
    private final LoadClient load;
    private final BenchSize size;
    private final JitWarmup jit = new JitWarmup();

    IngestScenario(BenchEnvironment env, LoadClient load, BenchSize size) {
        this.env = env;
        this.load = load;
        this.size = size;
    }

    Outcome run() throws Exception {
        Measured measured = measure();
        return new Outcome(report(measured), measured.ingest().load().perSecond());
    }

    /** Every load run of the scenario, the warm-ups first; the no-op and ingest-api in pairs. */
    private Measured measure() throws Exception {
        String query = "?timestamp=" + Instant.now().getEpochSecond() + "&user=b{n}&event=click";
        int noop = env.startService("noop", Map.of());
        TopicSetup.ensure(env.bootstrapServers(), Map.of(TOPIC, 6));
        int ingest = env.startService("ingest-api", Map.of("KAFKA_TOPIC", TOPIC));
        LoadTarget noopTarget = LoadTarget.post(noop, "/noop" + query);
        LoadTarget ingestTarget = LoadTarget.post(ingest, "/analytics" + query);
        JitWarmup.Outcome noopWarmup =
                warm("no-op POST", noopTarget, size.jvmWarmup(), size.jitWarmupLimit());
        JitWarmup.Outcome ingestWarmup =
                warm("ingest-api POST", ingestTarget, size.jvmWarmup(), size.jitWarmupLimit());
        Pairs<Run, Run> pairs =
                Pairs.measure(
                        pair -> timed("no-op POST, pair " + pair, "noop", noopTarget),
                        pair -> timed("ingest-api POST, pair " + pair, "ingest-api", ingestTarget));
        // The server is warm now: only the asynchronous answer's own code is new to it.
        LoadTarget asyncTarget = LoadTarget.post(noop, "/noop/async" + query);
        JitWarmup.Outcome asyncWarmup =
                warm(
                        "no-op POST, asynchronous answer",
                        asyncTarget,
                        size.warmup(),
                        asyncWarmupLimit());
        Run asyncRun = timed("no-op POST, asynchronous answer", "noop", asyncTarget);
        env.stopService("noop");
        AwaitedSends.Rate kafkaAlone =
                new AwaitedSends(env.bootstrapServers(), load.connections())
                        .run(size.jvmWarmup(), size.measure());
        return new Measured(pairs, asyncRun, kafkaAlone, noopWarmup, asyncWarmup, ingestWarmup);
    }

    private ScenarioResult report(Measured measured) {
        ScenarioResult.Builder table =
                new ScenarioResult.Builder(
                        "1. HTTP ingest, one event per request (64 connections)",
                        "endpoint",
                        "req/s",
                        "p50 ms",
                        "p99 ms",
                        "not 204");
        Pairs<Run, Run> pairs = measured.pairs();
        for (int i = 0; i < pairs.count(); i++) {
            row(table, "no-op POST (ceiling), pair " + (i + 1), pairs.ceiling(i).load());
            row(
                    table,
                    "ingest-api POST /analytics (acks=all), pair " + (i + 1),
                    pairs.subject(i).load());
        }
        row(table, "no-op POST answered by another thread (no Kafka)", measured.async().load());
        Ratios ratios = measured.ratios();
        table.row(
                        String.format(
                                "Kafka alone, no HTTP: %d senders each awaiting its ack",
                                load.connections()),
                        f(measured.kafkaAlone().perSecond()),
                        "-",
                        "-",
                        "-")
                .target(
                        ">= 60% of the ceiling's throughput",
                        ratios.percentages(), ratios.median() >= 0.6)
                .note(
                        "The no-op and ingest-api were measured in turn, three times each;"
                                + " the verdict is the median pair's ratio, and the notes"
                                + " below describe that pair.")
                .note(
                        "Each 204 waits for Kafka's acknowledgement (acks=all, idempotent producer, linger "
                                + ProducerSettings.LINGER_MS
                                + " ms).")
                .note(kafkaNote(measured))
                .note(latencyNote(measured));
        Run noopRun = measured.noop();
        Run ingestRun = measured.ingest();
        return table.note(
                        String.format(
                                "CPU per 1,000 requests (measurement): no-op server %.0f ms;"
                                        + " ingest-api %.0f ms plus %.0f ms in the broker (the bench JVM),"
                                        + " on 2 cores that wrk shares.",
                                noopRun.perThousand(noopRun.processCpu()),
                                ingestRun.perThousand(ingestRun.processCpu()),
                                ingestRun.perThousand(ingestRun.benchCpu())))
                .note(warmupNote(measured))
                .note(machineNote(noopRun, ingestRun))
                .note(asyncNote(noopRun, measured.async(), ingestRun))
                .build();
    }

    /** How ingest-api's rate compares with what Kafka alone allows. */
    private static String kafkaNote(Measured measured) {
        AwaitedSends.Rate kafkaAlone = measured.kafkaAlone();
        return String.format(
                "Kafka alone (one producer in the bench JVM with the services' settings,"
                        + " as many senders as the client has connections, each awaiting"
                        + " its ack before the next) reached %.0f%% of the no-op's rate,"
                        + " using %.0f ms of CPU per 1,000 sends; ingest-api reached %.0f%%"
                        + " of what Kafka alone allowed.",
                100 * kafkaAlone.perSecond() / measured.noop().load().perSecond(),
                kafkaAlone.cpuMillisPerThousand(),
                100 * measured.ingest().load().perSecond() / kafkaAlone.perSecond());
    }

    /** The time per answer the target asks for, against what ingest-api took. */
    private String latencyNote(Measured measured) {
        LoadResult ceiling = measured.noop().load();
        LoadResult ingest = measured.ingest().load();
        return String.format(
                "Each connection waits for its answer before the next request, so"
                        + " throughput is %d connections over the time per answer. Kafka"
                        + " alone's rate means %.2f ms per awaited send; the target, %,.0f"
                        + " req/s, needs ingest-api to answer in %.2f ms on average (HTTP"
                        + " and Kafka together); it took %.2f ms (p50 %.2f).",
                load.connections(),
                1000 * load.connections() / measured.kafkaAlone().perSecond(),
                0.6 * ceiling.perSecond(),
                1000 * load.connections() / (0.6 * ceiling.perSecond()),
                1000 * load.connections() / ingest.perSecond(),
                ingest.p50Millis());
    }

    /**
     * Whether the loop was bound by the machine's CPU, and what the target asks of ingest-api's
     * path if it was: at the same CPU per second, rates go as the inverse of CPU per request.
     */
    private static String machineNote(Run noop, Run ingest) {
        double noopPerThousand = noop.machinePerThousand();
        return String.format(
                "The machine's cores were %.0f%% busy during the no-op run and %.0f%% during"
                        + " ingest-api's (all processes, /proc/stat). Machine CPU per 1,000 requests"
                        + " (client, server, broker and all else): no-op %.0f ms, ingest-api %.0f ms;"
                        + " with the cores as busy, 60%% of the no-op's rate allows at most %.0f ms.",
                100 * noop.machine().busyShare(),
                100 * ingest.machine().busyShare(),
                noopPerThousand,
                ingest.machinePerThousand(),
                noopPerThousand / 0.6);
    }

    /**
     * Splits ingest-api's machine CPU per request into HTTP with an asynchronous answer (the async
     * no-op) and the rest, Kafka's part: what the target leaves for Kafka once HTTP is paid.
     */
    private static String asyncNote(Run noop, Run async, Run ingest) {
        double allowed = noop.machinePerThousand() / 0.6;
        double http = async.machinePerThousand();
        return String.format(
                "Answered by another thread, as ingest-api answers once Kafka acknowledges, the"
                        + " no-op reached %.0f%% of its own rate, using %.0f ms of machine CPU per"
                        + " 1,000 requests (cores %.0f%% busy). Of ingest-api's %.0f ms, that leaves"
                        + " %.0f ms for Kafka's part (its producer, the broker, the acknowledgement's"
                        + " way back); the 60%% target's %.0f ms would leave it %.0f ms.",
                100 * async.load().perSecond() / noop.load().perSecond(),
                http,
                100 * async.machine().busyShare(),
                ingest.machinePerThousand(),
                ingest.machinePerThousand() - http,
                allowed,
                allowed - http);
    }

    private String warmupNote(Measured measured) {
        return String.format(
                "Each server was loaded untimed until its JIT compiler settled (under %.0f%% of a"
                        + " %d s step spent compiling), at least %d s and at most %d s (the"
                        + " asynchronous no-op, on the warm no-op server: %d to %d s): no-op %s,"
                        + " asynchronous no-op %s, ingest-api %s. Compiling during"
                        + " the measurement: no-op %.1f s, asynchronous no-op %.1f s, ingest-api %.1f s"
                        + " of compiler time in %d s.",
                100 * JitWarmup.SETTLED_SHARE,
                JitWarmup.STEP.toSeconds(),
                size.jvmWarmup().toSeconds(),
                size.jitWarmupLimit().toSeconds(),
                size.warmup().toSeconds(),
                asyncWarmupLimit().toSeconds(),
                measured.noopWarmup().describe(),
                measured.asyncWarmup().describe(),
                measured.ingestWarmup().describe(),
                measured.noop().compilerSeconds(),
                measured.async().compilerSeconds(),
                measured.ingest().compilerSeconds(),
                size.measure().toSeconds());
    }

    /** The warm no-op server needs little more for its asynchronous answer: one step at most. */
    private Duration asyncWarmupLimit() {
        Duration oneStep = size.warmup().plus(JitWarmup.STEP);
        return oneStep.compareTo(size.jitWarmupLimit()) < 0 ? oneStep : size.jitWarmupLimit();
    }

    private static void row(ScenarioResult.Builder table, String label, LoadResult load) {
        table.row(
                label,
                f(load.perSecond()),
                f(load.p50Millis()),
                f(load.p99Millis()),
                load.unexpected());
    }

    /** Loads the server untimed until its compiler settles. */
    private JitWarmup.Outcome warm(String task, LoadTarget target, Duration least, Duration most)
            throws Exception {
        return jit.warm(
                target.port(),
                duration -> load.run(task + " warm-up", target, 204, Duration.ZERO, duration),
                least,
                most);
    }

    /** One measurement of a warm server: CPU over the measurement only. */
    private Run timed(String task, String process, LoadTarget target) throws Exception {
        int port = target.port();
        double compiler = jit.compilerSeconds(port);
        double processCpu = env.cpuSeconds(process);
        double benchCpu = BenchEnvironment.ownCpuSeconds();
        CpuMeter.Sample start = CpuMeter.sample();
        LoadResult result = load.run(task, target, 204, Duration.ZERO, size.measure());
        CpuMeter.Use machine = CpuMeter.between(start, CpuMeter.sample());
        return new Run(
                result,
                machine,
                env.cpuSeconds(process) - processCpu,
                BenchEnvironment.ownCpuSeconds() - benchCpu,
                jit.compilerSeconds(port) - compiler);
    }

    /**
     * The scenario's runs: the pairs (no-op, ingest-api), the asynchronous no-op, Kafka alone, and
     * how each server warmed up. The notes describe the median pair.
     */
    private record Measured(
            Pairs<Run, Run> pairs,
            Run async,
            AwaitedSends.Rate kafkaAlone,
            JitWarmup.Outcome noopWarmup,
            JitWarmup.Outcome asyncWarmup,
            JitWarmup.Outcome ingestWarmup) {
        Ratios ratios() {
            return pairs.ratios(run -> run.load().perSecond(), run -> run.load().perSecond());
        }

        Run noop() {
            return pairs.ceiling(ratios().medianIndex());
        }

        Run ingest() {
            return pairs.subject(ratios().medianIndex());
        }
    }

    /**
     * One measured load run: what it measured, the machine's CPU, the serving process's and the
     * bench JVM's (the broker's) over the measurement, and how long the server's compiler worked
     * during the measurement.
     */
    private record Run(
            LoadResult load,
            CpuMeter.Use machine,
            double processCpu,
            double benchCpu,
            double compilerSeconds) {
        double machinePerThousand() {
            return perThousand(machine.busyCoreSeconds());
        }

        /** CPU milliseconds per 1,000 measured requests. */
        double perThousand(double cpuSeconds) {
            return cpuSeconds * 1000 / (load.requests() / 1000.0);
        }
    }
}
