package io.useranalytics.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warms a service under load until its JIT compiler has settled, read from the compiler time the
 * service's {@code /metrics} reports. On 2 busy cores a fixed 20 s was not enough: ingest-api's
 * compiler was still busy about a third of the process's CPU 15-30 s into its load, the no-op's had
 * settled by then, so the measurement compared compilation, not the code.
 */
final class JitWarmup {
    /** Load between two readings of the compiler time. */
    static final Duration STEP = Duration.ofSeconds(10);

    /** Settled: the compiler worked less than this share of a step's wall time. */
    static final double SETTLED_SHARE = 0.05;

    private static final Pattern COMPILATION =
            Pattern.compile("(?m)^jvm_compilation_time_ms_total\\{[^}]*\\} ([0-9.E+-]+)$");

    /** How long the warm-up loaded the service, and whether its compiler settled in that time. */
    record Outcome(Duration loaded, boolean settled) {
        String describe() {
            return loaded.toSeconds() + " s" + (settled ? "" : " (not settled)");
        }
    }

    /** Loads the service for the given time, untimed. */
    interface Load {
        void run(Duration duration) throws Exception;
    }

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Loads the service for {@code least}, then a {@link #STEP} at a time until its compiler
     * settles or {@code most} has passed.
     */
    Outcome warm(int port, Load load, Duration least, Duration most) throws Exception {
        load.run(least);
        Duration loaded = least;
        while (loaded.compareTo(most) < 0) {
            double before = compilerSeconds(port);
            load.run(STEP);
            loaded = loaded.plus(STEP);
            if (compilerSeconds(port) - before < SETTLED_SHARE * STEP.toSeconds()) {
                return new Outcome(loaded, true);
            }
        }
        return new Outcome(loaded, false);
    }

    /** The service's compiler time so far, from {@code jvm_compilation_time_ms_total}. */
    double compilerSeconds(int port) throws Exception {
        HttpResponse<String> metrics =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher matcher = COMPILATION.matcher(metrics.body());
        if (metrics.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException(
                    "no jvm_compilation_time_ms_total in the /metrics of 127.0.0.1:" + port);
        }
        return Double.parseDouble(matcher.group(1)) / 1000;
    }
}
