package io.useranalytics.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.common.config.Env;
import io.useranalytics.ingest.fileimport.ImportCommand;
import io.useranalytics.system.RunningServices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest-api.jar import} end to end: files of historic events through the real broker and
 * writer into the database, answered by query-api; bad lines named by file and line, and nothing of
 * a bad file published unless asked.
 */
class EventImportIT {
    @RegisterExtension static final RunningServices services = new RunningServices();

    @TempDir Path folder;

    @Test
    void an_ndjson_and_a_csv_file_of_the_seeds_events_answer_the_seeds_get() throws IOException {
        Path ndjson =
                write(
                        "seed.ndjson",
                        "{\"timestamp\":1224567997,\"user\":\"3\",\"event\":\"click\"}\n");
        Path csv =
                write("seed.csv", "timestamp,user,event,id\n2008-10-21T05:46:38Z,1,impression,\n");

        Run run = importFiles(ndjson.toString(), csv.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains(
                        "checked 2 events in 2 file(s): 2 valid, 0 bad",
                        "published 2 events to analytics.events (0 bad lines left out)");
        assertThat(run.err()).isEmpty();
        services.get().awaitTheSeedsAnswer();
    }

    @Test
    void bad_lines_are_named_by_file_and_line_and_hold_back_the_whole_import_unless_skipped()
            throws IOException {
        Path csv =
                write(
                        "mixed.csv",
                        "timestamp,user,event\n"
                                + "1230000000,mixed-a,click\n"
                                + "yesterday,mixed-b,click\n"
                                + "1230000001,\"mixed, c\",impression\n"
                                + "1230000002,mixed-d,view\n");

        Run held = importFiles(csv.toString());

        assertThat(held.exit()).isEqualTo(1);
        assertThat(held.out()).contains("checked 4 events in 1 file(s): 2 valid, 2 bad");
        assertThat(held.err())
                .contains(
                        csv + ":3: timestamp 'yesterday' is not",
                        csv + ":5: event 'view' is not click or impression",
                        "import: nothing published: 2 bad line(s); fix them, or pass --skip-bad"
                                + " to publish the 2 valid events without them");
        String hour = "/analytics?timestamp=1230000100";
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                services.get()
                                        .query
                                        .http()
                                        .get(hour)
                                        .body()
                                        .startsWith("unique_users,0\n"));

        Run skipped = importFiles("--skip-bad", csv.toString());

        assertThat(skipped.exit()).isZero();
        assertThat(skipped.out())
                .contains("published 2 events to analytics.events (2 bad lines left out)");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(services.get().query.http().get(hour).body())
                                        .isEqualTo("unique_users,2\nclicks,1\nimpressions,1\n"));
    }

    @Test
    void a_file_that_is_not_csv_or_not_there_stops_the_import_with_one_line() throws IOException {
        Path broken = write("broken.csv", "timestamp,user,event\n1230000000,a,click,extra\n");

        Run notCsv = importFiles(broken.toString());

        assertThat(notCsv.exit()).isEqualTo(1);
        assertThat(notCsv.err()).startsWith("import: stopped: " + broken + ":2: not valid CSV: ");
        assertThat(notCsv.err().lines()).hasSize(1);

        Run missing = importFiles(folder.resolve("nowhere.ndjson").toString());

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err())
                .isEqualTo(
                        "import: cannot read "
                                + folder.resolve("nowhere.ndjson")
                                + ": not a readable file\n");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private record Run(int exit, String out, String err) {}

    private static Run importFiles(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", services.kafka().bootstrapServers());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                ImportCommand.run(
                        new Env(env),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        List.of(args).toArray(String[]::new));
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
