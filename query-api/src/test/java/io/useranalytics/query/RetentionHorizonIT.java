package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.common.config.Env;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.fixtures.EventRows;
import io.useranalytics.store.retention.Horizon;
import io.useranalytics.store.retention.RetainedData;
import io.useranalytics.store.retention.RetentionHorizons;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealPostgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers after retention, at each horizon: exact where the data still kept covers the window
 * (whole buckets of a coarser granularity), else 410 naming the setting, never a lower count.
 */
class RetentionHorizonIT {
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private static LocalService<QueryApp> query;
    private static Http http;

    @BeforeAll
    static void start() throws SQLException {
        new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();
        new EventRows(postgres.dataSource())
                .insert(
                        List.of(
                                event("2008-10-21T04:46:39Z", "3", EventKind.IMPRESSION),
                                event("2008-10-21T05:10:00.700Z", "9", EventKind.CLICK),
                                event("2008-10-21T05:46:37Z", "3", EventKind.CLICK),
                                event("2008-10-21T05:46:38Z", "1", EventKind.IMPRESSION),
                                event("2008-10-21T05:46:39.999Z", "1", EventKind.CLICK)));
        try (Connection connection = postgres.dataSource().getConnection()) {
            RetentionHorizons horizons = new RetentionHorizons();
            horizons.advance(
                    connection,
                    horizon(
                            RetainedData.EVENTS,
                            "2008-10-21T05:46:39Z",
                            "RETENTION_EVENTS_DAYS=2"));
            horizons.advance(
                    connection,
                    horizon(
                            RetainedData.SECOND_ROLLUPS,
                            "2008-10-21T05:00:00Z",
                            "RETENTION_SECOND_ROLLUPS_DAYS=7"));
            horizons.advance(
                    connection,
                    horizon(
                            RetainedData.MINUTE_ROLLUPS,
                            "2008-10-21T04:30:00Z",
                            "RETENTION_MINUTE_ROLLUPS_DAYS=35"));
            horizons.advance(
                    connection,
                    horizon(
                            RetainedData.HOUR_ROLLUPS,
                            "2008-10-21T04:00:00Z",
                            "RETENTION_HOUR_ROLLUPS_DAYS=400"));
        }
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("HTTP_PORT", "0");
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
    void whole_hours_after_the_hour_horizon_are_exact() {
        assertThat(http.get("/analytics?timestamp=2008-10-21T05:30:00Z&window=hour").body())
                .isEqualTo("unique_users,3\nclicks,3\nimpressions,1\n");
        assertThat(http.get("/analytics?timestamp=2008-10-21T04:30:00Z&window=hour").body())
                .isEqualTo("unique_users,1\nclicks,0\nimpressions,1\n");
    }

    @Test
    void an_hour_before_the_hour_horizon_is_gone() {
        assertGone(
                http.get("/analytics?timestamp=2008-10-21T03:30:00Z&window=hour"),
                "the window needs per-hour rollups from 2008-10-21T03:00:00Z, but they are kept"
                        + " from 2008-10-21T04:00:00Z on (RETENTION_HOUR_ROLLUPS_DAYS=400): ask for"
                        + " a window that starts then or later, or for a window of whole UTC days");
    }

    @Test
    void whole_minutes_from_the_minute_horizon_on_are_exact_and_one_minute_earlier_is_gone() {
        assertThat(range("2008-10-21T04:30:00Z", "2008-10-21T05:47:00Z").body())
                .isEqualTo("unique_users,3\nclicks,3\nimpressions,2\n");

        assertGone(
                range("2008-10-21T04:29:00Z", "2008-10-21T05:47:00Z"),
                "the window needs per-minute rollups from 2008-10-21T04:29:00Z, but they are kept"
                        + " from 2008-10-21T04:30:00Z on (RETENTION_MINUTE_ROLLUPS_DAYS=35): ask for a"
                        + " window that starts then or later, or for a window of whole hours");
    }

    @Test
    void the_seeds_trailing_hour_needs_seconds_from_before_their_horizon_and_is_gone() {
        assertGone(
                http.get("/analytics?timestamp=1224567999"),
                "the window needs per-second rollups from 2008-10-21T04:46:39Z, but they are kept"
                        + " from 2008-10-21T05:00:00Z on (RETENTION_SECOND_ROLLUPS_DAYS=7): ask for a"
                        + " window that starts then or later, or for a window of whole minutes");
        assertThat(range("2008-10-21T05:00:00Z", "2008-10-21T05:46:38Z").body())
                .isEqualTo("unique_users,2\nclicks,2\nimpressions,0\n");
    }

    @Test
    void a_millisecond_edge_reads_raw_events_only_from_their_horizon_on() {
        assertGone(
                range("2008-10-21T05:10:00.500Z", "2008-10-21T05:20:00Z"),
                "the window needs raw events from 2008-10-21T05:10:00.500Z, but they are kept from"
                        + " 2008-10-21T05:46:39Z on (RETENTION_EVENTS_DAYS=2): ask for a window that"
                        + " starts then or later, or for a window of whole seconds");
        assertThat(range("2008-10-21T05:10:00Z", "2008-10-21T05:20:00Z").body())
                .isEqualTo("unique_users,1\nclicks,1\nimpressions,0\n");
        assertThat(range("2008-10-21T05:46:39.500Z", "2008-10-21T05:46:40Z").body())
                .isEqualTo("unique_users,1\nclicks,1\nimpressions,0\n");
    }

    private static HttpResponse<String> range(String from, String to) {
        return http.get("/analytics?from=" + from + "&to=" + to);
    }

    private static void assertGone(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json;charset=utf-8");
        assertThat(response.body()).contains("\"detail\":\"" + detail + "\"");
    }

    private static Event event(String at, String user, EventKind kind) {
        return new Event(Instant.parse(at), user, kind);
    }

    private static Horizon horizon(RetainedData data, String keptFrom, String setting) {
        return new Horizon(data, Instant.parse(keptFrom), setting);
    }
}
