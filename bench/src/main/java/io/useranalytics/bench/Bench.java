package io.useranalytics.bench;

import static io.useranalytics.bench.ScenarioResult.f;

import io.useranalytics.harness.ServiceJar;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the scenarios in order against one environment and collects their results. */
final class Bench {
    private static final String[] SERVICES = {"ingest-api", "writer", "query-api"};

    /** Analysts' dashboards: a few clients at a time, not a saturating load. */
    static final int INTERACTIVE_CONNECTIONS = 4;

    private final BenchOptions options;
    private final BenchSize size;
    private final PrintStream out;

    Bench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.size =
                (options.quick() ? BenchSize.quick() : BenchSize.full())
                        .withStorage(options.storageEventsPerHour(), options.storageUsers());
        this.out = out;
    }

    Report run() throws Exception {
        long started = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();
        try (BenchEnvironment env = BenchEnvironment.start(options, out);
                HttpLoad http = new HttpLoad(64, out);
                HttpLoad background = new HttpLoad(32, out);
                HttpLoad fewHttp = new HttpLoad(INTERACTIVE_CONNECTIONS, out)) {
            LoadClient load = WrkLoad.isInstalled() ? new WrkLoad(out, 64) : http;
            LoadClient interactive =
                    WrkLoad.isInstalled() ? new WrkLoad(out, INTERACTIVE_CONNECTIONS) : fewHttp;
            Map<String, String> machine = Machine.describe(env);
            machine.put("load client", load.description());
            if (options.storageOnly()) {
                return storageOnly(env, interactive, machine, started);
            }
            // Batch ingest first: its load warms the broker's produce path for scenario 1.
            out.println("2. HTTP batch ingest");
            long at = System.nanoTime();
            ScenarioResult batch = new BatchIngestScenario(env, size, out).run().took(since(at));
            out.println("1. HTTP ingest");
            at = System.nanoTime();
            IngestScenario.Outcome ingest = new IngestScenario(env, load, size).run();
            results.add(ingest.result().took(since(at)));
            results.add(batch);
            out.println("3. Writer throughput");
            at = System.nanoTime();
            results.add(new WriterScenario(env, http, size, out).run().took(since(at)));
            out.println("3b. Writers in one group");
            at = System.nanoTime();
            results.add(new WritersScenario(env, size, out).run().took(since(at)));
            out.println("4. End-to-end freshness");
            at = System.nanoTime();
            int queryPort = env.startService("query-api", Map.of());
            // Restarted on the writer's topic: scenario 1 published to a topic of its own.
            env.stopService("ingest-api");
            int ingestPort = env.startService("ingest-api", Map.of());
            results.add(
                    new FreshnessScenario(http, background, size)
                            .run(ingestPort, queryPort, ingest.eventsPerSecond())
                            .took(since(at)));
            out.println("9. Colliding user ids");
            at = System.nanoTime();
            results.add(new CollidingUsersScenario(env, size).run(ingestPort).took(since(at)));
            out.println("5-6. Query at scale and scale curve");
            at = System.nanoTime();
            List<ScenarioResult> query =
                    new QueryScenario(env, load, interactive, http, size, out, started)
                            .run(queryPort);
            results.add(query.get(0));
            results.add(query.get(1).took(since(at)));
            out.println("8. Storage");
            at = System.nanoTime();
            ScenarioResult storage =
                    new StorageScenario(env, interactive, size, out).run().took(since(at));
            results.add(memory(env));
            results.add(storage);
            double minutes = (System.nanoTime() - started) / 60e9;
            return new Report(size.name(), machine, results, minutes);
        }
    }

    /** Scenario 8 alone, against the database the options name. */
    private Report storageOnly(
            BenchEnvironment env, LoadClient interactive, Map<String, String> machine, long started)
            throws Exception {
        ScenarioResult storage = new StorageScenario(env, interactive, size, out).run();
        return new Report(
                size.name() + ", storage only",
                machine,
                List.of(storage),
                (System.nanoTime() - started) / 60e9);
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private ScenarioResult memory(BenchEnvironment env) throws Exception {
        ScenarioResult.Builder memory =
                new ScenarioResult.Builder("7. Memory", "service", "JVM options", "peak RSS MiB");
        boolean all = true;
        for (String service : SERVICES) {
            List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
            jvm.addAll(ServiceJar.jvmOptions(service));
            memory.row(service, String.join(" ", jvm), f(env.peakRssMib(service)));
        }
        return memory.target(
                        "every service runs its scenarios with -Xmx256m or less",
                        "all ran with -Xmx256m",
                        all)
                .note(
                        "Peak RSS is VmHWM from /proc: heap, metaspace, threads and buffers together.")
                .build();
    }
}
