package io.useranalytics.ingest;

import static io.useranalytics.testsupport.Gzip.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealKafka;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostBatchIT {
    private static final String TOPIC = "analytics.events";
    private static final Map<String, String> NDJSON =
            Map.of("Content-Type", "application/x-ndjson");
    private static final Map<String, String> GZIP_NDJSON =
            Map.of("Content-Type", "application/x-ndjson", "Content-Encoding", "gzip");

    @RegisterExtension static final RealKafka kafka = new RealKafka();

    private static LocalService<IngestApp> ingest;
    private static Http http;

    @BeforeAll
    static void start() {
        ingest =
                IngestUnderTest.start(
                        kafka,
                        Map.of(
                                "INGEST_MAX_BODY_BYTES", "65536",
                                "INGEST_MAX_BATCH_EVENTS", "50",
                                "INGEST_MAX_IN_FLIGHT_EVENTS", "40"));
        http = ingest.http();
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void a_gzip_ndjson_batch_with_bad_lines_publishes_nothing_and_reports_each_bad_one() {
        String body =
                String.join(
                        "\n",
                        event("gz-1", "click"),
                        "{\"timestamp\":1224567997,\"user\":\"gz-2\"}",
                        event("gz-3", "impression"),
                        "",
                        "{\"timestamp\":1224567997,\"user\":\"gz-5\",\"event\":\"view\"}",
                        "{\"timestamp\":1224567997,\"user\":\"gz-6\",\"event\":\"click\",\"id\":\"u6\"}",
                        "[1,2]");

        HttpResponse<String> response = http.post("/analytics/batch", gzip(body), GZIP_NDJSON);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json;charset=utf-8");
        assertThat(response.body())
                .isEqualTo(
                        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                                + "\"detail\":\"3 of 6 events were rejected; nothing was published: send the batch"
                                + " again without them\","
                                + "\"instance\":\"/analytics/batch\",\"accepted\":0,\"rejected_count\":3,"
                                + "\"rejected\":["
                                + "{\"line\":2,\"parameter\":\"event\",\"detail\":\"event is missing\"},"
                                + "{\"line\":5,\"parameter\":\"event\",\"detail\":\"event 'view' is not click or impression\"},"
                                + "{\"line\":7,\"parameter\":\"value\",\"detail\":\"value is not a JSON object\"}]}");
        assertThat(usersOnTopic("gz-")).isEmpty();
    }

    @Test
    void a_json_array_of_valid_events_is_accepted_whole() {
        String body = "[" + event("arr-1", "click") + ",\n " + event("arr-2", "impression") + "]";

        HttpResponse<String> response =
                http.post(
                        "/analytics/batch",
                        body.getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"accepted\":2,\"rejected\":[]}");
        assertThat(usersOnTopic("arr-")).containsExactlyInAnyOrder("arr-1", "arr-2");
    }

    @Test
    void an_oversized_body_is_413_and_publishes_nothing() {
        byte[] body = lines("big-", 30, 3_000).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> declared = http.post("/analytics/batch", body, NDJSON);
        HttpResponse<String> chunked =
                http.send(
                        "POST",
                        "/analytics/batch",
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(body)),
                        NDJSON);

        assertThat(body.length).isGreaterThan(65536);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body())
                .contains(
                        "\"detail\":\"body of "
                                + body.length
                                + " bytes is larger than 65536 bytes (INGEST_MAX_BODY_BYTES); nothing was read\"");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body())
                .contains(
                        "body is larger than 65536 bytes (INGEST_MAX_BODY_BYTES); nothing was published");
        assertThat(usersOnTopic("big-")).isEmpty();
    }

    @Test
    void a_gzip_body_that_inflates_past_the_limit_is_413_and_publishes_nothing() {
        byte[] bomb = gzip(lines("bomb-", 30, 3_000));

        HttpResponse<String> response = http.post("/analytics/batch", bomb, GZIP_NDJSON);

        assertThat(bomb.length).isLessThan(65536);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .contains("decompressed body is larger than 65536 bytes (INGEST_MAX_BODY_BYTES)");
        assertThat(usersOnTopic("bomb-")).isEmpty();
    }

    @Test
    void more_events_than_the_batch_maximum_is_413_and_publishes_nothing() {
        // 10 valid, 41 invalid: invalid ones count as events but take no in-flight place
        String body =
                lines("many-", 10, 0)
                        + "\n"
                        + lines("many-bad-", 41, 0).replace("\"click\"", "\"view\"");

        HttpResponse<String> response =
                http.post("/analytics/batch", body.getBytes(StandardCharsets.UTF_8), NDJSON);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .contains(
                        "batch has more than 50 events (INGEST_MAX_BATCH_EVENTS); nothing was published");
        assertThat(usersOnTopic("many-")).isEmpty();
    }

    @Test
    void a_batch_past_the_in_flight_bound_is_503_with_retry_after_and_publishes_nothing() {
        HttpResponse<String> response =
                http.post(
                        "/analytics/batch",
                        lines("busy-", 41, 0).getBytes(StandardCharsets.UTF_8),
                        NDJSON);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body())
                .contains(
                        "more than 40 events are waiting for Kafka's acknowledgement; retry later");
        assertThat(usersOnTopic("busy-")).isEmpty();
        assertThat(
                        http.post("/analytics?timestamp=1224567997&user=busy-after&event=click")
                                .statusCode())
                .isEqualTo(204);
    }

    @Test
    void an_acknowledged_batch_gives_its_in_flight_places_back() {
        for (int round = 1; round <= 3; round++) {
            String prefix = "full-" + round + "-";
            HttpResponse<String> response =
                    http.post(
                            "/analytics/batch",
                            lines(prefix, 40, 0).getBytes(StandardCharsets.UTF_8),
                            NDJSON);

            assertThat(response.statusCode()).as("batch %d of 40 events", round).isEqualTo(200);
            assertThat(usersOnTopic(prefix)).hasSize(40);
        }
    }

    @Test
    void answers_bodies_it_cannot_read_with_clear_problems() {
        HttpResponse<String> noType =
                http.post("/analytics/batch", event("t-1", "click").getBytes(), Map.of());
        HttpResponse<String> notGzip =
                http.post("/analytics/batch", event("t-2", "click").getBytes(), GZIP_NDJSON);
        HttpResponse<String> brotli =
                http.post(
                        "/analytics/batch",
                        event("t-3", "click").getBytes(),
                        Map.of("Content-Type", "application/x-ndjson", "Content-Encoding", "br"));
        HttpResponse<String> empty = http.post("/analytics/batch", new byte[0], NDJSON);
        HttpResponse<String> brokenArray =
                http.post(
                        "/analytics/batch",
                        ("[" + event("t-4", "click") + ",{").getBytes(),
                        Map.of("Content-Type", "application/json"));

        assertThat(noType.statusCode()).isEqualTo(415);
        assertThat(noType.body())
                .contains(
                        "Content-Type must be application/x-ndjson (one event per line) or application/json (an array of events)");
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(notGzip.body()).contains("body could not be read: Not in GZIP format");
        assertThat(brotli.statusCode()).isEqualTo(415);
        assertThat(brotli.body()).contains("Content-Encoding must be gzip or identity, not 'br'");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("body holds no events");
        assertThat(brokenArray.statusCode()).isEqualTo(400);
        assertThat(brokenArray.body())
                .contains("body is not a JSON array of events (", "); nothing was published");
        assertThat(usersOnTopic("t-")).isEmpty();
    }

    private static String event(String user, String kind) {
        return "{\"timestamp\":1224567997,\"user\":\"" + user + "\",\"event\":\"" + kind + "\"}";
    }

    /** {@code count} valid NDJSON lines, each padded with an ignored field of {@code padding}. */
    private static String lines(String prefix, int count, int padding) {
        String note = "x".repeat(padding);
        return IntStream.rangeClosed(1, count)
                .mapToObj(
                        i ->
                                "{\"timestamp\":1224567997,\"user\":\""
                                        + prefix
                                        + i
                                        + "\",\"event\":\"click\",\"note\":\""
                                        + note
                                        + "\"}")
                .collect(Collectors.joining("\n"));
    }

    private static List<String> usersOnTopic(String prefix) {
        return kafka.consume(TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                .filter(user -> user.startsWith(prefix))
                .toList();
    }
}
