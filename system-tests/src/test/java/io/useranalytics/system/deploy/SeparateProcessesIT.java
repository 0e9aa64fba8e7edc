package io.useranalytics.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.useranalytics.harness.ServiceJar;
import io.useranalytics.testsupport.ChildProcesses;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's other route: the three built jars as separate OS processes, each on its port. */
class SeparateProcessesIT {
    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @RegisterExtension static final ChildProcesses children = ChildProcesses.perClass();

    private static final List<Process> processes = new ArrayList<>();
    private static int ingestPort;
    private static int queryPort;

    @BeforeAll
    static void start() throws IOException {
        ingestPort = ServiceJar.freePort();
        queryPort = ServiceJar.freePort();
        int writerPort = ServiceJar.freePort();
        processes.add(launch("writer", Map.of("HTTP_PORT", Integer.toString(writerPort))));
        processes.add(launch("ingest-api", Map.of("HTTP_PORT", Integer.toString(ingestPort))));
        // query-api checks the schema is current; the writer migrates it before it listens.
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> new Http(writerPort).get("/health/live").statusCode() == 200);
        processes.add(launch("query-api", Map.of("HTTP_PORT", Integer.toString(queryPort))));
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () ->
                                new Http(ingestPort).get("/health/live").statusCode() == 200
                                        && new Http(queryPort).get("/health/live").statusCode()
                                                == 200);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_seeds_requests_work_across_three_processes_and_each_stops_on_sigterm()
            throws Exception {
        Http ingest = new Http(ingestPort);
        Http query = new Http(queryPort);

        assertThat(ingest.post("/analytics?timestamp=1224567997&user=3&event=click").statusCode())
                .isEqualTo(204);
        assertThat(
                        ingest.post("/analytics?timestamp=1224567998&user=1&event=impression")
                                .statusCode())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(query.get("/analytics?timestamp=1224567999").body())
                                        .isEqualTo("unique_users,2\nclicks,1\nimpressions,1\n"));

        for (Process process : processes) {
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("exited within 40 s").isTrue();
        }
    }

    @Test
    void a_bad_variable_stops_start_up_with_a_message_naming_it() throws Exception {
        Process process =
                launch("ingest-api", Map.of("HTTP_PORT", "eighty", "INGEST_ACK_TIMEOUT_MS", "-1"));

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(ServiceJar.log("separate-process-ingest-api")))
                .contains(
                        "invalid configuration: HTTP_PORT 'eighty' is not a whole number from 0 to 65535;"
                                + " INGEST_ACK_TIMEOUT_MS '-1' is not a whole number from 100 to 120000");
    }

    @Test
    void log_format_json_writes_one_json_object_per_line_with_secrets_masked() throws Exception {
        int port = ServiceJar.freePort();
        Process process =
                launch(
                        "query-api",
                        Map.of(
                                "LOG_FORMAT", "json",
                                "HTTP_PORT", Integer.toString(port),
                                "DATABASE_PASSWORD", "hunter2-secret",
                                "QUERY_API_KEYS", "query-key-0123456789"));
        Http query = new Http(port);
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> query.get("/health/live").statusCode() == 200);
        query.get("/analytics?timestamp=1224567997");
        process.destroy();
        assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(ServiceJar.log("separate-process-query-api"));
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).path("level").asText()).isIn("INFO", "WARN", "ERROR");
        }
        String log = String.join("\n", lines);
        assertThat(log)
                .contains("\"formattedMessage\":\"starting query-api with QueryConfig[")
                .contains("1 API key(s) from QUERY_API_KEYS")
                .doesNotContain("hunter2-secret")
                .doesNotContain("query-key-0123456789")
                .doesNotContain("/analytics?timestamp");
    }

    @Test
    void an_unknown_log_format_stops_start_up_with_a_message() throws Exception {
        Process process = launch("ingest-api", Map.of("LOG_FORMAT", "xml"));

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(ServiceJar.log("separate-process-ingest-api")))
                .contains(
                        "ingest-api: invalid configuration: LOG_FORMAT 'xml' is not text or json");
    }

    private static Process launch(String service, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("WRITER_BATCH_MAX_AGE_MS", "50");
        env.put("HTTP_PORT", Integer.toString(ServiceJar.freePort()));
        env.putAll(extraEnv);
        return children.start(service, env, "separate-process-" + service);
    }
}
