package io.useranalytics.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.useranalytics.system.EmbeddedPipeline;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What {@code docker compose down && up} did when Kafka's log lived outside its volume: the
 * broker's data is gone, the database is kept, everything restarts. The writer must not skip the
 * new log's records as "already stored": it waits, says so, and resumes when the operator accepts.
 */
class BrokerDataLostIT {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @TempDir Path kafkaDir;

    private final Logger gapLogger =
            (Logger) LoggerFactory.getLogger("io.useranalytics.writer.OffsetGaps");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @AfterEach
    void detachLogs() {
        gapLogger.detachAppender(logs);
    }

    @Test
    void the_writer_waits_on_a_replaced_log_and_resumes_only_when_the_operator_accepts_the_gap()
            throws IOException {
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "lost-%");
        try (EmbeddedPipeline first = start(Map.of())) {
            post(new Http(first.pipeline().port()), "lost-a", 300);
            await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() == 300);
        }
        deleteBrokerData();
        logs.start();
        gapLogger.addAppender(logs);

        try (EmbeddedPipeline waiting = start(Map.of())) {
            Http http = new Http(waiting.pipeline().port());
            post(http, "lost-b", 200);

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () ->
                                    assertThat(http.get("/health/ready").body())
                                            .contains(
                                                    "not ready: waiting on an offset gap"
                                                            + " (WRITER_OFFSET_GAP=wait):"
                                                            + " analytics.events-0 at stored offset"));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> stored.count() == 300);
            assertThat(http.get("/health/ready").statusCode()).isEqualTo(503);
            assertThat(http.get("/metrics").body())
                    .contains("writer_offset_gaps_total 6.0")
                    .contains("writer_partitions_waiting_on_gap 6.0");
        }
        List<String> errors =
                logs.list.stream()
                        .filter(event -> event.getLevel() == Level.ERROR)
                        .map(ILoggingEvent::getFormattedMessage)
                        .toList();
        assertThat(errors).hasSize(6).allMatch(line -> line.contains("the log is not the one"));
        assertThat(errors.get(0)).contains("restart the writer with WRITER_OFFSET_GAP=skip");

        try (EmbeddedPipeline accepting = start(Map.of("WRITER_OFFSET_GAP", "skip"))) {
            Http http = new Http(accepting.pipeline().port());
            post(http, "lost-c", 100);

            await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() == 600);
            assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
        }
        try (EmbeddedPipeline after = start(Map.of())) {
            await().atMost(Duration.ofSeconds(20))
                    .until(
                            () ->
                                    new Http(after.pipeline().port())
                                                    .get("/health/ready")
                                                    .statusCode()
                                            == 200);
        }
        assertThat(stored.duplicates()).isZero();
        assertThat(stored.perUser().keySet()).allMatch(user -> user.startsWith("lost-"));
    }

    private EmbeddedPipeline start(Map<String, String> settings) {
        return EmbeddedPipeline.start(postgres, kafkaDir, settings);
    }

    /** {@code count} distinct events by {@code count} users, all answered 204. */
    private static void post(Http http, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String query =
                    "/analytics?timestamp="
                            + T0.plusSeconds(i).toEpochMilli()
                            + "&user="
                            + prefix
                            + i
                            + "&event=click";
            assertThat(http.post(query).statusCode()).as(query).isEqualTo(204);
        }
    }

    private void deleteBrokerData() throws IOException {
        try (Stream<Path> paths = Files.walk(kafkaDir)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(path -> !path.equals(kafkaDir))
                    .forEach(path -> path.toFile().delete());
        }
    }
}
