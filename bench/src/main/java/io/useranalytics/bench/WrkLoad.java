package io.useranalytics.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (up to 2 threads, a fixed number of keep-alive connections) where it is installed: a far
 * faster client than the JDK's.
 */
final class WrkLoad implements LoadClient {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in ([0-9.]+)(ms|s|m)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)");
    private static final Pattern ERRORS =
            Pattern.compile(
                    "Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

    private final PrintStream out;
    private final int connections;

    WrkLoad(PrintStream out, int connections) {
        this.out = out;
        this.connections = connections;
    }

    static boolean isInstalled() {
        try {
            Process probe =
                    new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String description() {
        return "wrk -t" + threads() + " -c" + connections + " (keep-alive)";
    }

    @Override
    public int connections() {
        return connections;
    }

    @Override
    public LoadResult run(
            String task, LoadTarget target, int expectedStatus, Duration warmup, Duration measure)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("wrk-", ".lua");
        try {
            Files.writeString(script, target.wrkScript());
            if (!warmup.isZero()) {
                wrk(script, target, warmup);
            }
            String output = wrk(script, target, measure);
            long requests = Long.parseLong(find(TOTAL, output, 1));
            double seconds =
                    Double.parseDouble(find(RATE, output, 1)) > 0
                            ? requests / Double.parseDouble(find(RATE, output, 1))
                            : 0;
            long unexpected = optional(NON_2XX, output) + socketErrors(output);
            LoadResult result =
                    new LoadResult(
                            requests,
                            unexpected,
                            seconds,
                            latency(output, "50%"),
                            latency(output, "99%"));
            out.printf("  %s: %,.0f req/s (wrk)%n", task, result.perSecond());
            return result;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private int threads() {
        return Math.min(2, connections);
    }

    private String wrk(Path script, LoadTarget target, Duration duration)
            throws IOException, InterruptedException {
        List<String> command =
                List.of(
                        "wrk",
                        "-t" + threads(),
                        "-c" + connections,
                        "-d" + Math.max(1, duration.toSeconds()) + "s",
                        "--latency",
                        "-s",
                        script.toString(),
                        target.url());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)
                || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        return output;
    }

    private static double latency(String output, String percentile) {
        Matcher matcher =
                Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)")
                        .matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException(
                    "no " + percentile + " latency in wrk's output: " + output);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static String find(Pattern pattern, String output, int group) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected wrk output: " + output);
        }
        return matcher.group(group);
    }

    private static long optional(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static long socketErrors(String output) {
        Matcher matcher = ERRORS.matcher(output);
        if (!matcher.find()) {
            return 0;
        }
        long errors = 0;
        for (int group = 1; group <= 4; group++) {
            errors += Long.parseLong(matcher.group(group));
        }
        return errors;
    }
}
