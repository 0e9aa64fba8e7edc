package io.useranalytics.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.useranalytics.common.config.HttpLimits;
import io.useranalytics.common.health.ReadinessCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests Jetty cannot parse get a problem+json 4xx from every service's server. */
class UnparsableRequestsTest {
    private static Javalin server;

    @BeforeAll
    static void start() {
        server =
                ServiceServer.create(
                                MetricsRoute.newRegistry(),
                                List.of(new NoRoutes()),
                                HttpLimits.DEFAULTS)
                        .start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void a_request_line_without_an_http_version_is_a_400_not_jettys_505_page() throws IOException {
        String answer = exchange("P /x\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).contains("Content-Type: application/problem+json");
        assertThat(answer).contains("\"status\":400").contains("no HTTP version");
        assertThat(answer).doesNotContain("<html>");
    }

    @Test
    void an_illegal_character_in_the_request_line_is_a_400_problem() throws IOException {
        String answer = exchange("GET /x\u0001y HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).contains("Content-Type: application/problem+json");
        assertThat(answer).contains("\"status\":400");
    }

    @Test
    void headers_too_large_are_a_431_problem() throws IOException {
        String answer =
                exchange("GET /x HTTP/1.1\r\nHost: a\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 431 ");
        assertThat(answer).contains("Content-Type: application/problem+json");
        assertThat(answer).contains("\"status\":431");
    }

    @Test
    void a_path_too_long_is_a_414_problem() throws IOException {
        String answer = exchange("GET /" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 414 ");
        assertThat(answer).contains("Content-Type: application/problem+json");
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may answer and close before reading it all (e.g. 431): read on.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static final class NoRoutes implements HttpService {
        @Override
        public void addRoutes(RoutesConfig routes) {}

        @Override
        public List<ReadinessCheck> readinessChecks() {
            return List.of();
        }

        @Override
        public List<String> openApiResources() {
            return List.of();
        }

        @Override
        public void close() {}
    }
}
