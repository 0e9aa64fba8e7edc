package io.useranalytics.system.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.useranalytics.record.DeadLetterHeaders;
import io.useranalytics.system.Scrape;
import io.useranalytics.system.ThreeServices;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an attacker or a careless client tried against the pipeline, each answered clearly and with
 * exact data afterwards; the services keep the default retention, so events are recent.
 */
class HostileInputIT {
    private static final Map<String, String> NDJSON =
            Map.of("Content-Type", "application/x-ndjson");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private static ThreeServices services;
    private static Http ingest;
    private static Http query;
    private static Instant hour;

    @BeforeAll
    static void start() {
        services =
                ThreeServices.start(
                        kafka,
                        postgres,
                        Map.of(
                                "RETENTION_EVENTS_DAYS", "2",
                                "RETENTION_SECOND_ROLLUPS_DAYS", "7",
                                "RETENTION_MINUTE_ROLLUPS_DAYS", "35",
                                "RETENTION_HOUR_ROLLUPS_DAYS", "400",
                                "RETENTION_DAY_ROLLUPS_DAYS", "730"));
        ingest = services.ingest.http();
        query = services.query.http();
        hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void batches_with_a_lone_surrogate_line_publish_nothing_and_leave_no_in_flight_place_taken()
            throws Exception {
        String body =
                line("x\\ud800", 0)
                        + "\n"
                        + IntStream.range(0, 9_999)
                                .mapToObj(i -> line("leak-" + i, 1))
                                .collect(Collectors.joining("\n"));

        for (int attempt = 0; attempt < 10; attempt++) {
            HttpResponse<String> answer =
                    ingest.post("/analytics/batch", body.getBytes(StandardCharsets.UTF_8), NDJSON);

            assertThat(answer.statusCode()).isEqualTo(400);
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.get("accepted").asInt()).isZero();
            assertThat(problem.get("rejected").get(0).get("line").asInt()).isEqualTo(1);
            assertThat(problem.get("rejected").get(0).get("detail").asText())
                    .startsWith("user has a lone UTF-16 surrogate \\uD800 at character 2");
        }

        assertThat(metric(ingest, "ingest_events_in_flight")).isZero();
        assertThat(ingest.post(single("after-leak", 2)).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> usersLike("after-leak") == 1);
        assertThat(usersLike("leak-")).isZero();
    }

    @Test
    void an_ndjson_line_with_anything_after_its_object_is_refused_whole_not_cut()
            throws SQLException {
        String g1 = line("glued-1", 3);
        List<String> glued = List.of(g1 + line("glued-2", 3), g1 + " " + g1, g1 + "]]]garbage");

        for (String body : glued) {
            HttpResponse<String> answer =
                    ingest.post("/analytics/batch", body.getBytes(StandardCharsets.UTF_8), NDJSON);

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body())
                    .contains(
                            "value has more after its JSON value (from byte "
                                    + (g1.length() + 1)
                                    + "): one event is one JSON object, alone on its line",
                            "nothing was published");
        }
        assertThat(ingest.post(single("glued-after", 4)).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> usersLike("glued-after") == 1);
        assertThat(usersLike("glued-1") + usersLike("glued-2")).isZero();
    }

    @Test
    void a_series_over_decades_is_refused_and_one_over_empty_years_holds_nothing_in_memory() {
        double bucketsBefore = metric(query, "query_cache_buckets");

        HttpResponse<String> decades =
                query.get(
                        "/analytics/series?from=2030-01-01T00:00:00Z&to=2058-01-01T00:00:00Z&step=1d");
        HttpResponse<String> emptyYears =
                query.get(
                        "/analytics/series?from=2030-01-01T00:00:00Z&to=2035-01-01T00:00:00Z&step=1d");

        assertThat(decades.statusCode()).isEqualTo(400);
        assertThat(decades.body())
                .contains(
                        "is 10227 rows; the maximum is 10000: use a larger step or a shorter"
                                + " range",
                        "\"parameter\":\"step\"");
        assertThat(emptyYears.statusCode()).isEqualTo(200);
        assertThat(emptyYears.body().lines().count()).isEqualTo(1 + 1_826);
        assertThat(metric(query, "query_cache_buckets")).isEqualTo(bucketsBefore);
    }

    @Test
    void error_bodies_are_utf_8_and_say_so() {
        HttpResponse<String> answer =
                ingest.post("/analytics?timestamp=1&user=x&event=%C3%A9v%F0%9F%98%80");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json;charset=utf-8");
        assertThat(answer.body()).contains("event 'év😀' is not click or impression");
    }

    @Test
    void a_query_string_that_is_not_utf_8_is_refused_naming_the_parameter_not_merged() {
        HttpResponse<String> ff = ingest.post(single("x", 5).replace("user=x", "user=x%FFy"));
        HttpResponse<String> fe = ingest.post(single("x", 5).replace("user=x", "user=x%FEy"));

        assertThat(ff.statusCode()).isEqualTo(400);
        assertThat(ff.body())
                .contains(
                        "\"detail\":\"user is not valid UTF-8: byte 0xFF at byte 2\"",
                        "\"parameter\":\"user\"");
        assertThat(fe.statusCode()).isEqualTo(400);
        assertThat(fe.body()).contains("user is not valid UTF-8: byte 0xFE at byte 2");
    }

    @Test
    void a_user_id_counts_characters_as_a_user_sees_them() throws Exception {
        String emoji = "😀".repeat(256);
        String encoded = URLEncoder.encode(emoji, StandardCharsets.UTF_8);

        HttpResponse<String> fits =
                ingest.post(single("E", 6).replace("user=E", "user=" + encoded));
        HttpResponse<String> over =
                ingest.post(single("E", 6).replace("user=E", "user=" + encoded + "%F0%9F%98%80"));

        assertThat(fits.statusCode()).isEqualTo(204);
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.body()).contains("user is 257 characters long; the maximum is 256");
        await().atMost(Duration.ofSeconds(30)).until(() -> usersEqualTo(emoji) == 1);
    }

    @Test
    void an_event_older_than_everything_the_retention_keeps_is_dead_lettered_with_the_setting()
            throws SQLException {
        assertThat(
                        ingest.post("/analytics?timestamp=978321600&user=ancient&event=click")
                                .statusCode())
                .isEqualTo(204);

        List<ConsumerRecord<byte[], byte[]>> dead =
                kafka.consume("analytics.events.dlq", 1, Duration.ofSeconds(30));

        assertThat(dead).hasSize(1);
        assertThat(
                        new String(
                                dead.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(),
                                StandardCharsets.UTF_8))
                .isEqualTo(
                        "timestamp: timestamp 2001-01-01T04:00:00Z is older than everything the"
                                + " retention keeps (RETENTION_DAY_ROLLUPS_DAYS=730)");
        assertThat(usersLike("ancient")).isZero();
    }

    /** An NDJSON line; {@code user} is JSON string content, escapes allowed. */
    private static String line(String user, int minute) {
        return "{\"timestamp_ms\":"
                + hour.plusSeconds(60L * minute).toEpochMilli()
                + ",\"user\":\""
                + user
                + "\",\"event\":\"click\"}";
    }

    private static String single(String user, int minute) {
        return "/analytics?timestamp="
                + hour.plusSeconds(60L * minute).toEpochMilli()
                + "&user="
                + user
                + "&event=click";
    }

    private static long usersLike(String prefix) throws SQLException {
        return count("SELECT count(*) FROM users WHERE external_id LIKE ? || '%'", prefix);
    }

    private static long usersEqualTo(String user) throws SQLException {
        return count("SELECT count(*) FROM users WHERE external_id = ?", user);
    }

    private static long count(String sql, String parameter) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static double metric(Http http, String name) {
        Scrape scrape = new Scrape(http.get("/metrics").body());
        assertThat(scrape.has(name)).as("metric %s is served", name).isTrue();
        return scrape.sum(name);
    }
}
