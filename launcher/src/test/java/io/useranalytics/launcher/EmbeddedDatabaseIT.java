package io.useranalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.harness.ServiceJar;
import io.useranalytics.testsupport.ChildProcesses;
import io.useranalytics.testsupport.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher without DATABASE_URL, as the Quick start runs it: it starts its own PostgreSQL,
 * keeps the data between runs, survives being killed (the server it left running is stopped and
 * started again) and stops that server when it stops.
 */
class EmbeddedDatabaseIT {
    private static final String SUMMARY = "unique_users,2\nclicks,1\nimpressions,1\n";

    @RegisterExtension final ChildProcesses processes = ChildProcesses.perTest();
    @TempDir Path dataDir;

    @Test
    void without_database_url_the_launcher_keeps_its_events_in_an_embedded_postgresql()
            throws Exception {
        List<Process> launchers = new ArrayList<>();
        try {
            int port = ServiceJar.freePort();
            Http http = new Http(port);

            Process first = start(port, "embedded-db-1");
            launchers.add(first);
            assertThat(Files.readString(ServiceJar.log("embedded-db-1")))
                    .contains("no DATABASE_URL given: using the embedded PostgreSQL at")
                    .contains(dataDir.resolve("postgres").toString());
            assertThat(http.post("/analytics?timestamp=1224567997&user=3&event=click").statusCode())
                    .isEqualTo(204);
            assertThat(
                            http.post("/analytics?timestamp=1224567998&user=1&event=impression")
                                    .statusCode())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(http.get("/analytics?timestamp=1224567999").body())
                                            .isEqualTo(SUMMARY));
            long firstServer = postmasterPid().orElseThrow();

            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(ProcessHandle.of(firstServer).map(ProcessHandle::isAlive)).hasValue(true);
            Process second = start(port, "embedded-db-2");
            launchers.add(second);

            assertThat(http.get("/analytics?timestamp=1224567999").body()).isEqualTo(SUMMARY);
            assertThat(Files.readString(ServiceJar.log("embedded-db-2")))
                    .contains("stopping the PostgreSQL server (pid " + firstServer + ")");
            long secondServer = postmasterPid().orElseThrow();

            Process third = launch(ServiceJar.freePort(), "embedded-db-3");
            launchers.add(third);
            assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(third.exitValue()).isEqualTo(2);
            assertThat(Files.readString(ServiceJar.log("embedded-db-3")))
                    .contains(
                            "invalid configuration: EMBEDDED_POSTGRES_DIR: the PostgreSQL data in")
                    .contains("is in use by another running process")
                    .doesNotContain("\tat ");
            assertThat(http.get("/analytics?timestamp=1224567999").body()).isEqualTo(SUMMARY);
            assertThat(secondServer).isNotEqualTo(firstServer);

            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(postmasterPid()).isEmpty();
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    ProcessHandle.of(secondServer).isEmpty()
                                            || !ProcessHandle.of(secondServer).get().isAlive());
        } finally {
            stopEverything(launchers);
        }
    }

    /**
     * A failed test must not leave a server running on a deleted directory: its launcher goes first
     * (PostgreSQL's smart shutdown waits for its clients), then the server.
     */
    private void stopEverything(List<Process> launchers) throws IOException {
        launchers.forEach(Process::destroyForcibly);
        launchers.forEach(launcher -> launcher.onExit().join());
        Optional<ProcessHandle> server = postmasterPid().flatMap(ProcessHandle::of);
        server.ifPresent(ProcessHandle::destroy);
        server.ifPresent(process -> process.onExit().orTimeout(60, TimeUnit.SECONDS).join());
    }

    /** Starts the launcher on the same data as before and waits until it is ready. */
    private Process start(int port, String logName) {
        Process launcher = launch(port, logName);
        Http http = new Http(port);
        await().atMost(Duration.ofSeconds(120))
                .ignoreExceptions()
                .until(() -> http.get("/health/ready").statusCode() == 200);
        return launcher;
    }

    private Process launch(int port, String logName) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("EMBEDDED_POSTGRES_DIR", dataDir.resolve("postgres").toString());
        env.put("EMBEDDED_KAFKA_DIR", dataDir.resolve("kafka").toString());
        env.put("EMBEDDED_KAFKA_PORT", "0");
        env.put("EMBEDDED_KAFKA_CONTROLLER_PORT", "0");
        env.put("WRITER_BATCH_MAX_AGE_MS", "50");
        env.put("LOG_LEVEL", "INFO");
        return processes.startClass("io.useranalytics.launcher.LauncherMain", env, logName);
    }

    private Optional<Long> postmasterPid() throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()));
    }
}
