package io.useranalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.harness.HeadlessChromium;
import io.useranalytics.testsupport.RealPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The harness cannot rot: --quick runs every scenario and writes both result files. */
class BenchQuickIT {
    @RegisterExtension static final RealPostgres suite = new RealPostgres();
    @TempDir Path results;

    @Test
    void a_quick_run_measures_every_scenario_against_its_ceiling_and_writes_the_report()
            throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit =
                BenchMain.run(
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        "--quick",
                        "--results",
                        results.toString(),
                        "--database-url",
                        benchDatabaseOnTheSuitesServer(),
                        "--database-user",
                        System.getenv().getOrDefault("TEST_DATABASE_USER", "postgres"));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(exit).isZero();
        String markdown = Files.readString(results.resolve("latest.md"));
        assertThat(markdown)
                .contains("# Benchmark results (quick run)", "| cores |", "| postgresql |")
                .contains(
                        "## 1. HTTP ingest",
                        "| no-op POST (ceiling), pair 1 |",
                        "| ingest-api POST /analytics (acks=all), pair 3 |")
                .contains(
                        "## 2. HTTP batch ingest",
                        "| Kafka producer in the bench JVM (ceiling), pair 1 |",
                        "| ingest-api POST /analytics/batch, pair 3 |")
                .contains(
                        "## 3. Writer throughput",
                        "| pair | bare COPY events/s | btree COPY events/s | adding the users s |"
                                + " floor events/s | writer cold events/s | writer warm events/s |",
                        "Raw-time index (measured once, on the same events' blocks)",
                        "Target warm writer >= 35% of the bare COPY",
                        "Target cold writer >= 75% of the floor",
                        "Where the cold writer's time goes")
                .contains(
                        "## 3b. Writers in one group",
                        "Target lock waits <= 2% of the writers' active samples with 4 writers")
                .containsPattern(
                        "\\| 3 \\| [0-9.,]+ \\| [0-9.,]+ \\| [0-9.,]+ \\| [0-9.,]+ \\| [0-9.,]+ \\| [0-9.,]+ \\|")
                .containsPattern("\\| 1 \\| 4 \\| [0-9.,]+ \\| [0-9.,]+x \\|")
                .contains(
                        "## 4. End-to-end freshness",
                        "## 5. Query at scale",
                        "equal to the SQL count.",
                        "| GET /analytics?from=<30 days before>&to=<current hour end>",
                        "30-day range GET p99 <= 250 ms")
                .containsPattern(dashboardRenderRow())
                .contains(
                        "## 6. Scale curve",
                        "## 7. Memory",
                        "## 8. Storage: a simulated day",
                        "| all in |",
                        "| query-api | -Xmx256m -XX:+ExitOnOutOfMemoryError |");
        assertThat(markdown)
                .containsPattern(
                        "Target >= 60% of the ceiling's throughput: measured [0-9.,]+% \\(pairs: [0-9.,]+%, [0-9.,]+%, [0-9.,]+%\\)")
                .containsPattern(
                        "Target warm writer >= 35% of the bare COPY: measured [0-9.,]+% \\(pairs: [0-9.,]+%, [0-9.,]+%, [0-9.,]+%\\)")
                .containsPattern(
                        "Target query throughput >= 30% of the no-op GET: measured [0-9.,]+% \\(pairs: [0-9.,]+%, [0-9.,]+%, [0-9.,]+%\\)")
                .containsPattern(
                        "Target 2 writers at least as fast as 1: measured [0-9.,]+x \\(rounds: [0-9.,]+x\\)")
                // Every asynchronous no-op answer was the 204 it promised (last column: not 204).
                .containsPattern(
                        "\\| no-op POST answered by another thread \\(no Kafka\\) \\| [0-9.,]+ \\|"
                                + " [0-9.,]+ \\| [0-9.,]+ \\| 0 \\|")
                .containsPattern(
                        "Target >= 50% of the producer's throughput: measured [0-9.,]+% \\(pairs: [0-9.,]+%, [0-9.,]+%, [0-9.,]+%\\)");
        assertThat(markdown)
                .containsPattern(
                        "Target (plain PostgreSQL <= 60|TimescaleDB with compression <= 10) bytes"
                                + " per event: measured [0-9.,]+ ");
        assertThat(Files.readString(results.resolve("latest.json")))
                .contains("\"size\" : \"quick\"", "\"scenarios\"");
    }

    /**
     * Where Chromium is installed (.ci/run installs it) the dashboard's render is a time; where it
     * is not (a machine with only a JDK and Maven), the report says it was not run, and why.
     */
    private static String dashboardRenderRow() {
        String row =
                "\\| dashboard's first complete render in Chromium \\(5 loads: median, slowest\\) \\| - \\| ";
        return HeadlessChromium.isInstalled()
                ? row + "[0-9.,]+ \\| [0-9.,]+ \\|"
                : row
                        + "not run \\| not run \\|[\\s\\S]*measured not measured: no /usr/bin/chromium";
    }

    /** The suite's server (e.g. a TimescaleDB one), the bench's own database. */
    private static String benchDatabaseOnTheSuitesServer() {
        String url = suite.url();
        return url.substring(0, url.lastIndexOf('/') + 1) + "user_analytics_bench";
    }

    @Test
    void a_bad_option_is_refused_with_the_usage_and_exit_code_2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit =
                BenchMain.run(
                        System.out, new PrintStream(err, true, StandardCharsets.UTF_8), "--quik");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("bench: Unknown option: '--quik'")
                .contains("--quick");
    }
}
