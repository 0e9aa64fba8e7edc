package io.useranalytics.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.record.EventTimestamps;
import io.useranalytics.system.EmbeddedPipeline;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random instants over the whole accepted range, written as the rule allows (epoch seconds, epoch
 * milliseconds, ISO-8601), through ingest-api's single and batch routes, the broker and the writer:
 * each is stored at exactly its instant. A third fall before 1973-03-03, where a number of
 * milliseconds on the wire would read as seconds.
 */
class TimestampRoundTripIT {
    private static final int EVENTS = 600;
    private static final Instant MILLIS_FROM =
            Instant.ofEpochMilli(EventTimestamps.MILLIS_THRESHOLD);

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @TempDir static Path kafkaDir;

    private static EmbeddedPipeline pipeline;
    private static Http http;

    /** An event as sent: its user, the instant meant and the text the client wrote for it. */
    private record Sent(String user, Instant at, String text, boolean quoted) {
        String key() {
            return user + "@" + at.toEpochMilli();
        }

        String ndjson() {
            String timestamp = quoted ? "\"" + text + "\"" : text;
            return "{\"timestamp\":"
                    + timestamp
                    + ",\"user\":\""
                    + user
                    + "\",\"event\":\"click\"}";
        }
    }

    @BeforeAll
    static void start() {
        pipeline =
                EmbeddedPipeline.start(postgres, kafkaDir, Map.of("WRITER_BATCH_MAX_AGE_MS", "50"));
        http = new Http(pipeline.pipeline().port());
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void every_accepted_instant_is_stored_at_exactly_that_instant_by_either_route() {
        List<Sent> sent = randomEvents(new Random(17));

        for (Sent event : sent.subList(0, EVENTS / 2)) {
            assertThat(
                            http.post(
                                            "/analytics?timestamp="
                                                    + event.text().replace("+", "%2B")
                                                    + "&user="
                                                    + event.user()
                                                    + "&event=click")
                                    .statusCode())
                    .as(event.text())
                    .isEqualTo(204);
        }
        StringBuilder batch = new StringBuilder();
        sent.subList(EVENTS / 2, EVENTS)
                .forEach(event -> batch.append(event.ndjson()).append('\n'));
        assertThat(
                        http.post(
                                        "/analytics/batch",
                                        batch.toString().getBytes(StandardCharsets.UTF_8),
                                        Map.of("Content-Type", "application/x-ndjson"))
                                .body())
                .isEqualTo("{\"accepted\":" + EVENTS / 2 + ",\"rejected\":[]}");

        StoredEvents stored = new StoredEvents(postgres.dataSource(), "ts-%");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                assertThat(stored.keys())
                                        .containsExactlyInAnyOrderElementsOf(
                                                sent.stream().map(Sent::key).toList()));
    }

    private static List<Sent> randomEvents(Random random) {
        Instant latest = Instant.now().plus(Duration.ofHours(23));
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            Instant end = i % 3 == 0 ? MILLIS_FROM : latest;
            Instant at = Instant.ofEpochMilli(random.nextLong(end.toEpochMilli()));
            sent.add(written("ts-" + i, at, random.nextInt(4)));
        }
        return sent;
    }

    /** The instant written one of the ways the rule reads back as the same instant. */
    private static Sent written(String user, Instant at, int way) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        switch (way) {
            case 0:
                return new Sent(user, second, Long.toString(second.getEpochSecond()), false);
            case 1:
                return at.isBefore(MILLIS_FROM)
                        ? new Sent(user, at, at.toString(), true)
                        : new Sent(user, at, Long.toString(at.toEpochMilli()), false);
            case 2:
                return new Sent(user, at, at.atOffset(ZoneOffset.ofHours(2)).toString(), true);
            default:
                return new Sent(user, second, second.toString(), true);
        }
    }
}
