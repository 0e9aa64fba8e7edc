package io.useranalytics.system.deploy;

import static io.useranalytics.testsupport.Gzip.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.useranalytics.system.Scrape;
import io.useranalytics.system.ThreeServices;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an operator relies on: batches, retries, metrics and readiness, across the services. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployableServicesIT {
    private static final Map<String, String> GZIP_NDJSON =
            Map.of("Content-Type", "application/x-ndjson", "Content-Encoding", "gzip");

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private static ThreeServices services;
    private static Http ingest;
    private static Http query;

    @BeforeAll
    static void start() {
        services = ThreeServices.start(kafka, postgres, Map.of());
        ingest = services.ingest.http();
        query = services.query.http();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void
            a_gzip_ndjson_batch_with_bad_lines_stores_nothing_and_its_good_lines_sent_again_are_stored() {
        String body =
                String.join(
                        "\n",
                        "{\"timestamp\":1230000000,\"user\":\"gz-a\",\"event\":\"click\"}",
                        "{\"timestamp\":\"yesterday\",\"user\":\"gz-b\",\"event\":\"click\"}",
                        "{\"timestamp\":1230000001,\"user\":\"gz-a\",\"event\":\"impression\"}",
                        "{\"timestamp\":1230000002,\"user\":\"gz-c\",\"event\":\"click\"}",
                        "{\"timestamp\":1230000003,\"user\":\"\",\"event\":\"click\"}",
                        "");

        HttpResponse<String> response = ingest.post("/analytics/batch", gzip(body), GZIP_NDJSON);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo(
                        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                                + "\"detail\":\"2 of 5 events were rejected; nothing was published: send the"
                                + " batch again without them\","
                                + "\"instance\":\"/analytics/batch\",\"accepted\":0,\"rejected_count\":2,"
                                + "\"rejected\":["
                                + "{\"line\":2,\"parameter\":\"timestamp\",\"detail\":\"timestamp 'yesterday' is not epoch seconds, epoch millis or ISO-8601 (e.g. 1224567997, 1224567997000 or 2008-10-21T05:46:37Z)\"},"
                                + "{\"line\":5,\"parameter\":\"user\",\"detail\":\"user is empty\"}]}");
        String good =
                String.join(
                        "\n",
                        "{\"timestamp\":1230000000,\"user\":\"gz-a\",\"event\":\"click\"}",
                        "{\"timestamp\":1230000001,\"user\":\"gz-a\",\"event\":\"impression\"}",
                        "{\"timestamp\":1230000002,\"user\":\"gz-c\",\"event\":\"click\"}");
        assertThat(ingest.post("/analytics/batch", gzip(good), GZIP_NDJSON).statusCode())
                .isEqualTo(200);
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "gz-");
        await().atMost(Duration.ofSeconds(20)).until(() -> stored.count() == 3);
        assertThat(stored.perUser()).isEqualTo(Map.of("gz-a", 2L, "gz-c", 1L));
    }

    @Test
    void a_retried_event_id_counts_once_and_an_event_without_id_counts_each_time() {
        String retried = "/analytics?timestamp=1240000000&user=retry-a&event=click&id=9f1c-77";
        String plain = "/analytics?timestamp=1240000001&user=retry-b&event=impression";
        String batchRetry =
                "{\"timestamp\":1240000000,\"user\":\"retry-a\",\"event\":\"click\",\"id\":\"9f1c-77\"}";

        assertThat(ingest.post(retried).statusCode()).isEqualTo(204);
        assertThat(ingest.post(retried).statusCode()).isEqualTo(204);
        assertThat(ingest.post(plain).statusCode()).isEqualTo(204);
        assertThat(ingest.post(plain).statusCode()).isEqualTo(204);
        assertThat(ingest.post("/analytics/batch", gzip(batchRetry), GZIP_NDJSON).body())
                .isEqualTo("{\"accepted\":1,\"rejected\":[]}");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                assertThat(
                                                query.get(
                                                                "/analytics?timestamp=1240000000&window=hour")
                                                        .body())
                                        .isEqualTo("unique_users,2\nclicks,1\nimpressions,2\n"));
        assertThat(new StoredEvents(postgres.dataSource(), "retry-").perUser())
                .isEqualTo(Map.of("retry-a", 1L, "retry-b", 2L));
        assertThat(writerMetrics().sum("writer_events_retries_dropped_total")).isEqualTo(2.0);
    }

    @Test
    void with_no_api_keys_configured_no_request_needs_authorization() {
        HttpResponse<String> post =
                ingest.post("/analytics?timestamp=1250000000&user=open&event=click");
        HttpResponse<String> get = query.get("/analytics?timestamp=1250000000");

        assertThat(post.statusCode()).isEqualTo(204);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void metrics_expose_the_named_meters_and_their_values_move() {
        Scrape before = new Scrape(ingest.get("/metrics").body());

        for (int i = 0; i < 5; i++) {
            ingest.post("/analytics?timestamp=1260000000&user=metric-" + i + "&event=click");
        }
        ingest.post("/analytics?timestamp=oops&user=metric-x&event=click");
        query.get("/analytics?timestamp=1260000000");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> new StoredEvents(postgres.dataSource(), "metric-").count() == 5);

        Scrape after = new Scrape(ingest.get("/metrics").body());
        String route = "route=\"/analytics\"";
        assertThat(
                        after.sum("http_server_requests_seconds_count", route, "status=\"204\"")
                                - before.sum(
                                        "http_server_requests_seconds_count",
                                        route,
                                        "status=\"204\""))
                .isEqualTo(5.0);
        assertThat(after.sum("http_server_requests_seconds_count", route, "status=\"400\""))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(
                        after.sum("ingest_events_published_total")
                                - before.sum("ingest_events_published_total"))
                .isEqualTo(5.0);
        assertThat(after.sum("kafka_producer_record_send_total")).isGreaterThan(0.0);
        assertThat(after.has("ingest_events_in_flight")).isTrue();
        assertThat(after.has("ingest_events_failed_total")).isTrue();
        assertThat(after.sum("jvm_memory_used_bytes")).isGreaterThan(0.0);
        // The bench warms a service until this stops growing.
        assertThat(after.sum("jvm_compilation_time_ms_total")).isGreaterThan(0.0);

        // The counter moves just after the batch commits, so the rows can be seen a moment first.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> writerMetrics().sum("writer_events_written_total") >= 5.0);
        Scrape writer = writerMetrics();
        assertThat(writer.sum("writer_batch_records_count")).isGreaterThan(0.0);
        assertThat(writer.sum("writer_batch_phase_seconds_count", "phase=\"copy\""))
                .isGreaterThan(0.0);
        assertThat(writer.has("kafka_consumer_fetch_manager_records_lag_max")).isTrue();
        assertThat(writer.has("writer_records_dead_lettered_total")).isTrue();
        assertThat(writer.has("hikaricp_connections_active")).isTrue();

        Scrape queries = new Scrape(query.get("/metrics").body());
        assertThat(
                        queries.sum(
                                "http_server_requests_seconds_count",
                                "method=\"GET\"",
                                route,
                                "status=\"200\""))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(queries.sum("hikaricp_connections_max")).isGreaterThan(0.0);
    }

    @Test
    void each_server_documents_every_route_it_registers_and_no_other_in_valid_openapi() {
        for (LocalService<?> service : List.of(services.ingest, services.writer, services.query)) {
            String document = service.http().get("/openapi.json").body();

            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document);

            assertThat(parsed.getMessages()).isEmpty();
            assertThat(documented(parsed.getOpenAPI())).isEqualTo(registered(service));
        }
        assertThat(registered(services.ingest))
                .contains("POST /analytics", "POST /analytics/batch", "GET /health/ready");
        assertThat(registered(services.query))
                .contains("GET /analytics", "GET /analytics/series", "GET /openapi.json");
    }

    /**
     * Method and path of every route, as {@code GET /metrics}; HEAD beside a GET of the same path
     * is that GET without a body (RFC 9110) and is not documented on its own.
     */
    private static Set<String> registered(LocalService<?> service) {
        Set<String> routes =
                service.server().unsafe.internalRouter.allHttpHandlers().stream()
                        .map(parsed -> parsed.endpoint)
                        .filter(endpoint -> endpoint.method.isHttpMethod())
                        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
                        .collect(Collectors.toCollection(TreeSet::new));
        routes.removeIf(
                route ->
                        route.startsWith("HEAD ")
                                && routes.contains("GET " + route.substring("HEAD ".length())));
        return routes;
    }

    private static Set<String> documented(OpenAPI api) {
        Set<String> routes = new TreeSet<>();
        api.getPaths()
                .forEach(
                        (path, item) ->
                                item.readOperationsMap()
                                        .keySet()
                                        .forEach(method -> routes.add(method.name() + " " + path)));
        return routes;
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void readiness_fails_while_the_broker_is_away_and_returns_with_it() {
        Http writer = services.writer.http();
        assertThat(ingest.get("/health/ready").body()).isEqualTo("ready\nkafka: ok\n");
        assertThat(writer.get("/health/ready").body())
                .isEqualTo("ready\ndatabase: ok\nkafka: ok\noffsets: ok\nwriter: ok\n");
        assertThat(query.get("/health/ready").body())
                .isEqualTo("ready\ndatabase: ok\ndatabase-replay: primary\n");

        kafka.stop();
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ingest.get("/health/ready").statusCode() == 503);
            HttpResponse<String> notReady = writer.get("/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"detail\":\"not ready: cannot reach kafka\"");
            assertThat(ingest.get("/health/live").statusCode()).isEqualTo(200);
        } finally {
            kafka.start();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> ingest.get("/health/ready").statusCode() == 200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> writer.get("/health/ready").statusCode() == 200);
    }

    private static Scrape writerMetrics() {
        return new Scrape(services.writer.http().get("/metrics").body());
    }
}
