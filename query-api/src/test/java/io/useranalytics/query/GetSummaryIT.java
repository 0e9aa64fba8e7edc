package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.common.config.Env;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import io.useranalytics.store.fixtures.EventRows;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealPostgres;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GetSummaryIT {
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private static LocalService<QueryApp> query;
    private static Http http;

    @BeforeAll
    static void start() throws SQLException {
        Map<String, String> env = new HashMap<>(postgres.env());
        // No writer runs here to migrate the schema first.
        env.put("DATABASE_MIGRATE", "true");
        env.put("HTTP_PORT", "0");
        query =
                LocalService.start(
                        registry -> QueryApp.connect(QueryConfig.from(new Env(env)), registry));
        http = query.http();
        new EventRows(postgres.dataSource())
                .insert(
                        List.of(
                                event("2008-10-21T04:46:38.999Z", "7", EventKind.CLICK),
                                event("2008-10-21T04:46:39Z", "3", EventKind.IMPRESSION),
                                event("2008-10-21T05:46:37Z", "3", EventKind.CLICK),
                                event("2008-10-21T05:46:38Z", "1", EventKind.IMPRESSION),
                                event("2008-10-21T05:46:39.999Z", "1", EventKind.CLICK),
                                event("2008-10-21T05:46:40Z", "7", EventKind.CLICK)));
    }

    private static Event event(String at, String user, EventKind kind) {
        return new Event(Instant.parse(at), user, kind);
    }

    @AfterAll
    static void stop() {
        query.close();
    }

    @Test
    void answers_the_trailing_hour_as_the_seeds_text_including_both_whole_end_seconds() {
        HttpResponse<String> response = http.get("/analytics?timestamp=1224567999");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/plain;charset=utf-8");
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

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/json;charset=utf-8");
        assertThat(response.body())
                .isEqualTo(
                        "{\"from\":\"2008-10-21T04:46:39Z\",\"to\":\"2008-10-21T05:46:39Z\","
                                + "\"unique_users\":2,\"clicks\":2,\"impressions\":2}");
    }

    @Test
    void window_hour_answers_the_calendar_hour_that_holds_the_timestamp() {
        HttpResponse<String> response =
                http.get("/analytics?timestamp=1224567999&window=hour", "application/json");

        assertThat(response.body())
                .isEqualTo(
                        "{\"from\":\"2008-10-21T05:00:00Z\",\"to\":\"2008-10-21T05:59:59Z\","
                                + "\"unique_users\":3,\"clicks\":3,\"impressions\":1}");
    }

    @Test
    void an_unknown_window_is_a_400_naming_the_parameter() {
        HttpResponse<String> response = http.get("/analytics?timestamp=1224567999&window=day");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains(
                        "\"detail\":\"window 'day' is not trailing or hour\"",
                        "\"parameter\":\"window\"");
    }

    @Test
    void series_answers_one_csv_row_per_bucket_or_json_on_request() {
        String query =
                "/analytics/series?from=2008-10-21T04:00:00Z&to=2008-10-21T06:00:00Z&step=1h";

        HttpResponse<String> csv = http.get(query);
        HttpResponse<String> json = http.get(query, "application/json");

        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.body())
                .isEqualTo(
                        "time,unique_users,clicks,impressions\n"
                                + "2008-10-21T04:00:00Z,2,1,1\n"
                                + "2008-10-21T05:00:00Z,3,3,1\n");
        assertThat(json.body())
                .isEqualTo(
                        "[{\"time\":\"2008-10-21T04:00:00Z\",\"unique_users\":2,\"clicks\":1,\"impressions\":1},"
                                + "{\"time\":\"2008-10-21T05:00:00Z\",\"unique_users\":3,\"clicks\":3,\"impressions\":1}]");
    }

    @Test
    void series_over_more_than_ten_thousand_rows_is_a_400() {
        HttpResponse<String> response = http.get("/analytics/series?from=0&to=1000000000&step=1m");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("rows; the maximum is 10000");
    }

    @Test
    void an_empty_hour_answers_zeros() {
        assertThat(http.get("/analytics?timestamp=0").body())
                .isEqualTo("unique_users,0\nclicks,0\nimpressions,0\n");
    }

    @Test
    void from_and_to_answer_the_range_with_to_left_out() {
        HttpResponse<String> text =
                http.get("/analytics?from=2008-10-21T04:46:39Z&to=1224567999999");
        HttpResponse<String> json =
                http.get("/analytics?from=1224564399&to=1224568000", "application/json");

        assertThat(text.body()).isEqualTo("unique_users,2\nclicks,1\nimpressions,2\n");
        assertThat(json.body())
                .isEqualTo(
                        "{\"from\":\"2008-10-21T04:46:39Z\",\"to\":\"2008-10-21T05:46:39Z\","
                                + "\"unique_users\":2,\"clicks\":2,\"impressions\":2}");
    }

    @Test
    void a_range_over_731_days_or_mixed_with_a_timestamp_is_a_400_problem() {
        HttpResponse<String> tooLong =
                http.get("/analytics?from=2006-09-01T00:00:00Z&to=2008-10-21T00:00:00Z");
        HttpResponse<String> mixed = http.get("/analytics?timestamp=1224567999&from=1224564399");
        HttpResponse<String> noTo = http.get("/analytics?from=1224564399");
        HttpResponse<String> zonedTimestamp =
                http.get("/analytics?timestamp=1224567999&tz=Europe/Berlin");
        HttpResponse<String> unknownZone =
                http.get("/analytics?from=2008-10-20&to=2008-10-21&tz=Europe/Atlantis");

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body())
                .contains(
                        "\"detail\":\"from 2006-09-01T00:00:00Z to 2008-10-21T00:00:00Z is longer"
                                + " than 731 days\"");
        assertThat(mixed.body())
                .contains("\"detail\":\"give timestamp (and window) or from and to, not both\"");
        assertThat(noTo.body()).contains("\"detail\":\"to is missing\"");
        assertThat(zonedTimestamp.body())
                .contains(
                        "\"detail\":\"tz applies to from and to (dates in that zone), not to a"
                                + " timestamp\"");
        assertThat(unknownZone.statusCode()).isEqualTo(400);
        assertThat(unknownZone.body()).contains("\"parameter\":\"tz\"");
    }

    @Test
    void the_engagement_routes_refuse_what_they_cannot_answer_naming_the_parameter() {
        String days = "from=2008-10-01&to=2008-10-21";

        assertProblem(
                http.get("/analytics/active?" + days + "&window=2d"),
                "window",
                "window '2d' is not 1d, 7d, 28d or 30d");
        assertProblem(
                http.get("/analytics/active?" + days + "&window=7d&step=1mo"),
                "step",
                "step '1mo' is not 1d or 1w");
        assertProblem(
                http.get("/analytics/retention?" + days + "&cohort=1w&periods=4&basis=old"),
                "basis",
                "basis 'old' is not active or new");
        assertProblem(
                http.get("/analytics/retention?" + days + "&cohort=1w&periods=0"),
                "periods",
                "periods '0' is not a whole number from 1 to 60");
        assertProblem(
                http.get("/analytics/retention?" + days + "&cohort=1h&periods=4"),
                "cohort",
                "cohort '1h' is not 1d, 1w or 1mo");
    }

    private static void assertProblem(
            HttpResponse<String> response, String parameter, String detail) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("\"parameter\":\"" + parameter + "\"", "\"detail\":\"" + detail + "\"");
    }

    @Test
    void answers_a_missing_or_bad_timestamp_with_a_400_problem() {
        HttpResponse<String> missing = http.get("/analytics");
        HttpResponse<String> bad = http.get("/analytics?timestamp=9223372036854775807");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json;charset=utf-8");
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
