package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.http.MetricsRoute;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.RealPostgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GetHourSummaryIT {
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private static QueryApp app;
    private static Javalin server;
    private static Http http;

    @BeforeAll
    static void start() throws SQLException {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("HTTP_PORT", "0");
        app = QueryApp.connect(QueryConfig.from(new Env(env)));
        server = app.server(MetricsRoute.newRegistry()).start("127.0.0.1", 0);
        http = new Http(server.port());
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (external_id) VALUES ('3'), ('1'), ('7')");
            statement.execute(
                    "INSERT INTO events (time, user_id, kind) SELECT t::timestamptz, u.id, k::event_kind"
                            + " FROM (VALUES"
                            + " ('2008-10-21T04:46:38.999Z', '7', 'click'),"
                            + " ('2008-10-21T04:46:39Z', '3', 'impression'),"
                            + " ('2008-10-21T05:46:37Z', '3', 'click'),"
                            + " ('2008-10-21T05:46:38Z', '1', 'impression'),"
                            + " ('2008-10-21T05:46:39.999Z', '1', 'click'),"
                            + " ('2008-10-21T05:46:40Z', '7', 'click')"
                            + ") AS e(t, x, k) JOIN users u ON u.external_id = e.x");
        }
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    @Test
    void answers_the_trailing_hour_as_the_seeds_text_including_both_whole_end_seconds() {
        HttpResponse<String> response = http.get("/analytics?timestamp=1224567999");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.body()).isEqualTo("unique_users,2\nclicks,2\nimpressions,2\n");
    }

    @Test
    void a_millisecond_timestamp_bounds_the_window_to_the_millisecond() {
        HttpResponse<String> response = http.get("/analytics?timestamp=1224567999000");

        assertThat(response.body()).isEqualTo("unique_users,2\nclicks,1\nimpressions,2\n");
    }

    @Test
    void answers_json_with_the_window_bounds_when_asked() {
        HttpResponse<String> response =
                http.get("/analytics?timestamp=2008-10-21T05:46:39Z", "application/json");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body())
                .isEqualTo(
                        "{\"from\":\"2008-10-21T04:46:39Z\",\"to\":\"2008-10-21T05:46:39Z\","
                                + "\"unique_users\":2,\"clicks\":2,\"impressions\":2}");
    }

    @Test
    void an_empty_hour_answers_zeros() {
        assertThat(http.get("/analytics?timestamp=0").body())
                .isEqualTo("unique_users,0\nclicks,0\nimpressions,0\n");
    }

    @Test
    void answers_a_missing_or_bad_timestamp_with_a_400_problem() {
        HttpResponse<String> missing = http.get("/analytics");
        HttpResponse<String> bad = http.get("/analytics?timestamp=9223372036854775807");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(missing.body())
                .contains("\"detail\":\"timestamp is missing\"", "\"parameter\":\"timestamp\"");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("is outside the representable range (years 1 to 9999)");
    }

    @Test
    void unknown_paths_answer_a_404_problem() {
        HttpResponse<String> response = http.get("/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .isEqualTo(
                        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                                + "\"detail\":\"Endpoint GET /nope not found\",\"instance\":\"/nope\"}");
    }
}
