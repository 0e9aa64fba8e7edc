package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.common.config.Env;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A browser dashboard on an allowed origin may read answers; other origins may not. */
class CorsIT {
    private static final String DASHBOARD = "https://dash.example.com";

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private static LocalService<QueryApp> query;
    private static Http http;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>(postgres.env());
        // No writer runs here to migrate the schema first.
        env.put("DATABASE_MIGRATE", "true");
        env.put("QUERY_CORS_ORIGINS", DASHBOARD + ", https://ops.example.com");
        query =
                LocalService.start(
                        registry -> QueryApp.connect(QueryConfig.from(new Env(env)), registry));
        http = query.http();
    }

    @AfterAll
    static void stop() {
        query.close();
    }

    @Test
    void an_allowed_origin_may_read_the_answer() {
        HttpResponse<String> response =
                http.get("/analytics?timestamp=1224567997", Map.of("Origin", DASHBOARD));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(DASHBOARD);
    }

    @Test
    void another_origin_gets_no_cors_header() {
        HttpResponse<String> response =
                http.get(
                        "/analytics?timestamp=1224567997",
                        Map.of("Origin", "https://evil.example"));

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_answered() {
        HttpResponse<String> response =
                http.send(
                        "OPTIONS",
                        "/analytics/series",
                        HttpRequest.BodyPublishers.noBody(),
                        Map.of(
                                "Origin", "https://ops.example.com",
                                "Access-Control-Request-Method", "GET",
                                "Access-Control-Request-Headers", "authorization"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://ops.example.com");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("authorization");
    }

    @Test
    void a_bad_origin_list_is_a_config_error() {
        Env env = new Env(Map.of("QUERY_CORS_ORIGINS", "dash.example.com"));

        assertThatThrownBy(() -> QueryConfig.from(env))
                .hasMessageContaining(
                        "QUERY_CORS_ORIGINS 'dash.example.com' is not * or a comma-separated list of origins");
    }
}
