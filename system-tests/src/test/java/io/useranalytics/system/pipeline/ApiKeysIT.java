package io.useranalytics.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.system.EmbeddedPipeline;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.RealPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** With keys configured, ingest and query routes each need a key of their own set. */
class ApiKeysIT {
    private static final String INGEST_KEY = "ingest-key-0123456789";
    private static final String OTHER_INGEST_KEY = "ingest-key-second-abcdef";
    private static final String QUERY_KEY = "query-key-0123456789";
    private static final String POST = "/analytics?timestamp=1224567997&user=auth-1&event=click";
    private static final String GET = "/analytics?timestamp=1224567997";

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @TempDir static Path kafkaDir;

    private static EmbeddedPipeline pipeline;
    private static Http http;

    @BeforeAll
    static void start() {
        pipeline =
                EmbeddedPipeline.start(
                        postgres,
                        kafkaDir,
                        Map.of(
                                "INGEST_API_KEYS",
                                INGEST_KEY + ", " + OTHER_INGEST_KEY,
                                "QUERY_API_KEYS",
                                QUERY_KEY));
        http = new Http(pipeline.pipeline().port());
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void ingest_routes_need_an_ingest_key() {
        HttpResponse<String> none = http.post(POST, new byte[0], Map.of());
        HttpResponse<String> queryKey = http.post(POST, new byte[0], bearer(QUERY_KEY));
        HttpResponse<String> batch =
                http.post(
                        "/analytics/batch",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "application/x-ndjson"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(none.body())
                .contains(
                        "\"detail\":\"this route needs an API key: send Authorization: Bearer <key>\"");
        assertThat(queryKey.statusCode()).isEqualTo(401);
        assertThat(queryKey.body()).contains("the API key is not one of INGEST_API_KEYS");
        assertThat(batch.statusCode()).isEqualTo(401);
        assertThat(http.post(POST, new byte[0], bearer(INGEST_KEY)).statusCode()).isEqualTo(204);
        assertThat(http.post(POST, new byte[0], bearer(OTHER_INGEST_KEY)).statusCode())
                .isEqualTo(204);
    }

    @Test
    void query_routes_need_a_query_key() {
        HttpResponse<String> none = http.get(GET);
        HttpResponse<String> ingestKey = http.get(GET, bearer(INGEST_KEY));
        HttpResponse<String> series = http.get("/analytics/series?from=0&to=60&step=1m", Map.of());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(ingestKey.statusCode()).isEqualTo(401);
        assertThat(ingestKey.body()).contains("the API key is not one of QUERY_API_KEYS");
        assertThat(series.statusCode()).isEqualTo(401);
        assertThat(http.get(GET, bearer(QUERY_KEY)).statusCode()).isEqualTo(200);
    }

    @Test
    void head_on_a_protected_route_needs_the_key_as_get_does() {
        HttpResponse<String> none = http.send("HEAD", GET);
        HttpResponse<String> withKey =
                http.send("HEAD", GET, HttpRequest.BodyPublishers.noBody(), bearer(QUERY_KEY));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEmpty();
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.headers().firstValue("Content-Type"))
                .hasValue("text/plain;charset=utf-8");
    }

    @Test
    void health_metrics_and_the_api_document_stay_open_for_operators() {
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
        assertThat(http.get("/openapi.json").statusCode()).isEqualTo(200);
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }
}
