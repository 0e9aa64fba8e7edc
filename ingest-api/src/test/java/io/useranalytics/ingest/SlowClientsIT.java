package io.useranalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealKafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clients that hold connections without using them cannot keep others from being answered. */
class SlowClientsIT {
    private static final int TRICKLERS = 300;
    private static final String BATCH_HEADERS =
            "POST /analytics/batch HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-ndjson\r\nContent-Length: %d\r\n\r\n";

    @RegisterExtension static final RealKafka kafka = new RealKafka();

    private static LocalService<IngestApp> ingest;

    @BeforeAll
    static void start() {
        ingest = IngestUnderTest.start(kafka, Map.of());
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void three_hundred_trickling_bodies_leave_health_and_posts_answering_and_are_cut_with_408()
            throws Exception {
        Http http = ingest.http();
        // A large body first: a rate counted over every request's bytes (Jetty's own handler)
        // would never cut a trickle after it.
        assertThat(
                        http.post(
                                        "/analytics/batch",
                                        largeBatch(5_000),
                                        Map.of("Content-Type", "application/x-ndjson"))
                                .statusCode())
                .isEqualTo(200);
        ExecutorService trickling = Executors.newFixedThreadPool(TRICKLERS);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < TRICKLERS; i++) {
                answers.add(trickling.submit(SlowClientsIT::trickle));
            }
            long slowest = 0;
            for (int probe = 0; probe < 10; probe++) {
                long started = System.nanoTime();
                assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
                assertThat(
                                http.post("/analytics?timestamp=1224567997&user=probe&event=click")
                                        .statusCode())
                        .isEqualTo(204);
                slowest = Math.max(slowest, System.nanoTime() - started);
            }
            System.out.printf(
                    "SlowClientsIT: %d trickling bodies open; slowest of 10 health + POST probes"
                            + " %d ms%n",
                    TRICKLERS, slowest / 1_000_000);
            for (Future<String> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).startsWith("HTTP/1.1 408 ");
            }
        } finally {
            trickling.shutdownNow();
        }
    }

    @Test
    void a_content_length_over_the_limit_is_413_at_once_without_waiting_for_the_body()
            throws Exception {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(
                    String.format(BATCH_HEADERS, 1_000_000_000_000L)
                            .getBytes(StandardCharsets.US_ASCII));
            out.write("{\"".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String answer = readAll(socket.getInputStream());

            assertThat(answer)
                    .startsWith("HTTP/1.1 413 ")
                    .contains(
                            "body of 1000000000000 bytes is larger than 16777216 bytes"
                                    + " (INGEST_MAX_BODY_BYTES); nothing was read");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    private static byte[] largeBatch(int events) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < events; i++) {
            body.append("{\"timestamp\":1224567997,\"user\":\"large-")
                    .append(i)
                    .append("\",\"event\":\"click\"}\n");
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A batch body of 100 bytes sent a byte every 2 s, at most 10 of them; the status line. */
    private static String trickle() throws IOException, InterruptedException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(String.format(BATCH_HEADERS, 100).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int sent = 0; sent < 10 && socket.getInputStream().available() == 0; sent++) {
                try {
                    out.write('{');
                    out.flush();
                } catch (IOException closedByTheServer) {
                    break;
                }
                Thread.sleep(2_000);
            }
            return readAll(socket.getInputStream());
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", ingest.port()), 5_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
