package io.useranalytics.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.useranalytics.harness.ServiceJar;
import io.useranalytics.testsupport.ChildProcesses;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalNginx;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.TcpProxy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * gateway/nginx.conf run by Debian's nginx in front of a real ingest-api (64 MB heap) and a
 * query-api upstream that is down. A counting TCP proxy sits between nginx and ingest-api.
 */
class GatewayIT {
    private static final int BATCH_EVENTS = 10_000;
    private static final int PADDING = 10_000;
    private static final int LIMIT_MB = 128;

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final ChildProcesses processes = ChildProcesses.perClass();

    private static TcpProxy toIngest;
    private static LocalNginx nginx;
    private static Http gateway;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(
                LocalNginx.isInstalled(),
                "nginx is not installed at /usr/sbin/nginx (.ci/run installs Debian's nginx)");
        int ingestPort = ServiceJar.freePort();
        processes.start(
                "ingest-api",
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "HTTP_PORT", Integer.toString(ingestPort),
                        "INGEST_MAX_BODY_BYTES", Integer.toString(LIMIT_MB * 1024 * 1024),
                        "INGEST_MAX_BATCH_EVENTS", Integer.toString(BATCH_EVENTS)),
                "gateway-ingest",
                "64m");
        Http ingest = new Http(ingestPort);
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> ingest.get("/health/ready").statusCode() == 200);
        toIngest = new TcpProxy("127.0.0.1", ingestPort);
        String configuration =
                Files.readString(Path.of("..", "gateway", "nginx.conf"))
                        .replace(
                                "server ingest-api:8080;",
                                "server 127.0.0.1:" + toIngest.port() + ";")
                        .replace(
                                "server query-api:8080;",
                                "server 127.0.0.1:" + ServiceJar.freePort() + ";")
                        .replace(
                                "client_max_body_size 16m;",
                                "client_max_body_size " + LIMIT_MB + "m;");
        nginx = LocalNginx.start(configuration);
        gateway = new Http(nginx.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (toIngest != null) {
            toIngest.close();
        }
    }

    @Test
    void a_100_mb_chunked_batch_reaches_ingest_api_while_it_is_still_being_sent() {
        AtomicLong passedOnBeforeLastLine = new AtomicLong(-1);

        HttpResponse<String> response =
                gateway.send(
                        "POST",
                        "/analytics/batch",
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> body(passedOnBeforeLastLine)),
                        Map.of("Content-Type", "application/x-ndjson"));

        assertThat((long) line(1).length * BATCH_EVENTS).isGreaterThan(100_000_000L);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"accepted\":" + BATCH_EVENTS + ",\"rejected\":[]}");
        // A buffering gateway passes nothing on before the client has sent the last byte.
        assertThat(passedOnBeforeLastLine.get()).isGreaterThan(50_000_000L);
    }

    @Test
    void single_events_reuse_the_gateways_connections_to_ingest_api() throws Exception {
        int before = toIngest.connections();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String query = "/analytics?timestamp=1224567997&user=keepalive-" + i + "&event=click";
            answers.add(clients.submit(() -> gateway.post(query).statusCode()));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(204);
        }
        clients.shutdown();

        // Without keep-alive this would be 1,000: one upstream connection per request.
        assertThat(toIngest.connections() - before).isLessThanOrEqualTo(8);
    }

    @Test
    void a_body_over_the_limit_is_refused_by_nginx_as_problem_json() throws IOException {
        String answer =
                rawRequest(
                        "POST /analytics/batch HTTP/1.1\r\nHost: gateway\r\nContent-Type:"
                                + " application/x-ndjson\r\nContent-Length: "
                                + (LIMIT_MB + 1) * 1024L * 1024L
                                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer)
                .startsWith("HTTP/1.1 413 ")
                .contains("Content-Type: application/problem+json");
        JsonNode problem =
                new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("detail").asText()).contains("INGEST_MAX_BODY_BYTES");
    }

    @Test
    void a_service_the_gateway_cannot_reach_is_a_502_problem_with_retry_after() throws IOException {
        HttpResponse<String> response = gateway.get("/analytics?timestamp=1224567999");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json;charset=utf-8");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(new ObjectMapper().readTree(response.body()).get("title").asText())
                .isEqualTo("Bad Gateway");
    }

    @Test
    void the_services_own_problems_pass_through_unchanged() throws IOException {
        HttpResponse<String> response =
                gateway.post("/analytics?timestamp=1224567997&user=1&event=view");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(response.body()).get("detail").asText())
                .isEqualTo("event 'view' is not click or impression");
    }

    private static String rawRequest(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", nginx.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Made line by line as it is sent; notes what reached ingest-api before the last line. */
    private static InputStream body(AtomicLong passedOnBeforeLastLine) {
        Enumeration<InputStream> lines =
                new Enumeration<>() {
                    private int sent;

                    @Override
                    public boolean hasMoreElements() {
                        return sent < BATCH_EVENTS;
                    }

                    @Override
                    public InputStream nextElement() {
                        if (sent == BATCH_EVENTS - 1) {
                            passedOnBeforeLastLine.set(toIngest.bytesToTarget());
                        }
                        return new ByteArrayInputStream(line(++sent));
                    }
                };
        return new SequenceInputStream(lines);
    }

    private static byte[] line(int i) {
        return ("{\"timestamp\":1224567997,\"user\":\"gateway-"
                        + (10_000 + i)
                        + "\",\"event\":\"click\",\"note\":\""
                        + "x".repeat(PADDING)
                        + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
