package io.useranalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.harness.ServiceJar;
import io.useranalytics.testsupport.ChildProcesses;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.PostLoad;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole one-process pipeline (broker, ingest-api, writer, query-api) SIGKILLed at random
 * moments under load and started again on the same data: every event answered 204 is stored exactly
 * once.
 */
class LauncherCrashIT {
    private static final int KILLS = 3;
    private static final int MAX_EVENTS_PER_RUN = 30_000;

    /** Acknowledgements a run has before its kill: each kill lands under load, on any machine. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @RegisterExtension final ChildProcesses processes = ChildProcesses.perTest();
    @TempDir Path dataDir;

    @Test
    void killed_three_times_under_load_the_pipeline_stores_every_204_exactly_once()
            throws Exception {
        int port = ServiceJar.freePort();
        Http http = new Http(port);
        Random random = new Random(23);
        List<PostLoad> loads = new ArrayList<>();
        for (int run = 0; run <= KILLS; run++) {
            Process launcher = start(port, run);
            PostLoad load = new PostLoad("kill" + run + "-", T0.plus(Duration.ofHours(run)));
            loads.add(load);
            List<Thread> senders = load.run(port, 4, MAX_EVENTS_PER_RUN);
            if (run < KILLS) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> load.answered(204).size() >= ACKNOWLEDGED_BEFORE_KILL);
                Thread.sleep(random.nextInt(3_000)); // then a random moment under load
                launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            load.stop();
            for (Thread sender : senders) {
                sender.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
        Set<String> acknowledged = new HashSet<>();
        loads.forEach(load -> acknowledged.addAll(load.answered(204)));
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "kill%");

        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(stored.keys()).containsAll(acknowledged));

        List<String> keys = stored.keys();
        long lost = acknowledged.stream().filter(key -> !keys.contains(key)).count();
        System.out.printf(
                "LauncherCrashIT: kills=%d sent=%d acknowledged=%d stored=%d duplicates=%d"
                        + " lost=%d; answers per run %s%n",
                KILLS,
                loads.stream().mapToLong(PostLoad::sent).sum(),
                acknowledged.size(),
                keys.size(),
                stored.duplicates(),
                lost,
                loads.stream().map(PostLoad::statusCounts).toList());
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(stored.duplicates()).isZero();
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(http.get("/metrics").body()).contains("writer_offset_gaps_total 0.0");
    }

    /** Starts the launcher on the same port and data as before and waits until it is ready. */
    private Process start(int port, int run) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("EMBEDDED_KAFKA_DIR", dataDir.resolve("kafka").toString());
        env.put("EMBEDDED_KAFKA_PORT", "0");
        env.put("EMBEDDED_KAFKA_CONTROLLER_PORT", "0");
        Process launcher =
                processes.startClass(
                        "io.useranalytics.launcher.LauncherMain", env, "launcher-crash-" + run);
        Http http = new Http(port);
        await().atMost(Duration.ofSeconds(90))
                .ignoreExceptions()
                .until(() -> http.get("/health/ready").statusCode() == 200);
        return launcher;
    }
}
