package io.useranalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JitWarmup} against a real HTTP /metrics whose compiler time the test sets, with a load
 * that only records how long it was asked to run.
 */
class JitWarmupTest {
    private HttpServer server;
    private volatile String compilerMillis = "0.0";
    private final List<Duration> loads = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void loads_a_step_at_a_time_until_a_step_compiles_less_than_five_percent_of_its_time()
            throws Exception {
        int port = serveMetrics();
        // The compiler works 3 s in the first step, 1 s in the second, 0.2 s in the third.
        List<String> after = new ArrayList<>(List.of("3000.0", "4000.0", "4200.0"));
        JitWarmup.Outcome outcome =
                new JitWarmup()
                        .warm(
                                port,
                                duration -> {
                                    loads.add(duration);
                                    if (!duration.equals(Duration.ofSeconds(20))) {
                                        compilerMillis = after.remove(0);
                                    }
                                },
                                Duration.ofSeconds(20),
                                Duration.ofSeconds(90));

        assertThat(loads)
                .containsExactly(
                        Duration.ofSeconds(20), JitWarmup.STEP, JitWarmup.STEP, JitWarmup.STEP);
        assertThat(outcome.settled()).isTrue();
        assertThat(outcome.describe()).isEqualTo("50 s");
    }

    @Test
    void stops_at_the_limit_and_says_the_compiler_had_not_settled() throws Exception {
        int port = serveMetrics();
        JitWarmup.Outcome outcome =
                new JitWarmup()
                        .warm(
                                port,
                                duration -> {
                                    loads.add(duration);
                                    compilerMillis =
                                            Double.toString(
                                                    Double.parseDouble(compilerMillis) + 2000);
                                },
                                Duration.ofSeconds(20),
                                Duration.ofSeconds(40));

        assertThat(loads).hasSize(3);
        assertThat(outcome.settled()).isFalse();
        assertThat(outcome.describe()).isEqualTo("40 s (not settled)");
    }

    @Test
    void a_service_without_the_compiler_metric_is_named_in_the_error() throws Exception {
        int port = serveMetrics();
        compilerMillis = null;

        assertThatThrownBy(() -> new JitWarmup().compilerSeconds(port))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "no jvm_compilation_time_ms_total in the /metrics of 127.0.0.1:" + port);
    }

    /** Serves GET /metrics in the Prometheus text format, with the current compiler time. */
    private int serveMetrics() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/metrics",
                exchange -> {
                    String millis = compilerMillis;
                    String body =
                            "# TYPE jvm_memory_used_bytes gauge\n"
                                    + "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.0E7\n"
                                    + (millis == null
                                            ? ""
                                            : "# TYPE jvm_compilation_time_ms_total counter\n"
                                                    + "jvm_compilation_time_ms_total{compiler=\"HotSpot"
                                                    + " 64-Bit Tiered Compilers\"} "
                                                    + millis
                                                    + "\n");
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
        return server.getAddress().getPort();
    }
}
