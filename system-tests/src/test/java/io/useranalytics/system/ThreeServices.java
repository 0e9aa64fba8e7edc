package io.useranalytics.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.common.config.Env;
import io.useranalytics.ingest.IngestApp;
import io.useranalytics.ingest.IngestConfig;
import io.useranalytics.query.QueryApp;
import io.useranalytics.query.QueryConfig;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.writer.WriterApp;
import io.useranalytics.writer.WriterConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * ingest-api, the writer and query-api in this JVM, each on a server and port of its own, against a
 * real broker and database; closing stops them and checks the writer never failed.
 */
public final class ThreeServices implements AutoCloseable {
    public final LocalService<IngestApp> ingest;
    public final LocalService<WriterApp> writer;
    public final LocalService<QueryApp> query;
    private final List<Throwable> writerFailures;

    private ThreeServices(
            LocalService<IngestApp> ingest,
            LocalService<WriterApp> writer,
            LocalService<QueryApp> query,
            List<Throwable> writerFailures) {
        this.ingest = ingest;
        this.writer = writer;
        this.query = query;
        this.writerFailures = writerFailures;
    }

    /** Starts the three with {@code settings} on top of the broker's and database's addresses. */
    public static ThreeServices start(
            RealKafka kafka, RealPostgres postgres, Map<String, String> settings) {
        return start(kafka.bootstrapServers(), postgres, settings);
    }

    /** As above, with {@code querySettings} on top of {@code settings} for query-api alone. */
    public static ThreeServices start(
            RealKafka kafka,
            RealPostgres postgres,
            Map<String, String> settings,
            Map<String, String> querySettings) {
        return start(kafka.bootstrapServers(), postgres, settings, querySettings);
    }

    /** As above, against the brokers at {@code bootstrapServers}. */
    public static ThreeServices start(
            String bootstrapServers, RealPostgres postgres, Map<String, String> settings) {
        return start(bootstrapServers, postgres, settings, Map.of());
    }

    private static ThreeServices start(
            String bootstrapServers,
            RealPostgres postgres,
            Map<String, String> settings,
            Map<String, String> querySettings) {
        Map<String, String> variables = new HashMap<>(postgres.env());
        variables.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        variables.put("WRITER_BATCH_MAX_AGE_MS", "50");
        variables.putAll(settings);
        Map<String, String> queryVariables = new HashMap<>(variables);
        queryVariables.putAll(querySettings);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        var writer =
                LocalService.start(
                        registry ->
                                WriterApp.start(
                                        WriterConfig.from(new Env(variables)),
                                        registry,
                                        failures::add));
        var ingest =
                LocalService.start(
                        registry ->
                                IngestApp.connect(IngestConfig.from(new Env(variables)), registry));
        var query =
                LocalService.start(
                        registry ->
                                QueryApp.connect(
                                        QueryConfig.from(new Env(queryVariables)), registry));
        return new ThreeServices(ingest, writer, query, failures);
    }

    /** The seed's two POSTs, each answered 204. */
    public void postTheSeedsEvents() {
        assertThat(
                        ingest.http()
                                .post("/analytics?timestamp=1224567997&user=3&event=click")
                                .statusCode())
                .isEqualTo(204);
        assertThat(
                        ingest.http()
                                .post("/analytics?timestamp=1224567998&user=1&event=impression")
                                .statusCode())
                .isEqualTo(204);
    }

    /** Waits up to 30 s for the seed's GET to answer what the seed expects. */
    public void awaitTheSeedsAnswer() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                query.http()
                                                        .get("/analytics?timestamp=1224567999")
                                                        .body())
                                        .isEqualTo("unique_users,2\nclicks,1\nimpressions,1\n"));
    }

    @Override
    public void close() {
        ingest.close();
        writer.close();
        query.close();
        assertThat(writerFailures).isEmpty();
    }
}
