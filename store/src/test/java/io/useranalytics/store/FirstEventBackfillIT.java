package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import io.useranalytics.store.fixtures.EventRows;
import io.useranalytics.store.rollup.Granularity;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upgrading gives every stored user its first event from the rollups, as precise as the rollups
 * still kept around it allow.
 */
class FirstEventBackfillIT {
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void each_user_gets_the_earliest_minute_hour_or_day_the_rollups_still_hold() throws Exception {
        Flyway.configure()
                .dataSource(postgres.dataSource())
                .schemas(postgres.schema())
                .defaultSchema(postgres.schema())
                .locations("classpath:db/migration/common", "classpath:db/migration/plain")
                .javaMigrations(new RollupBackfill(), new DayRollupBackfill())
                .target("14")
                .load()
                .migrate();
        new EventRows(postgres.dataSource())
                .insert(
                        List.of(
                                click("2008-10-21T12:00:00Z", "recent"),
                                click("2008-10-21T10:17:45.250Z", "recent"),
                                click("2008-10-20T07:42:10Z", "hourly"),
                                click("2008-10-21T11:00:00Z", "hourly"),
                                click("2008-10-19T15:30:00Z", "daily"),
                                click("2008-10-21T09:00:00Z", "daily")));
        Rows rows = new Rows(postgres.dataSource());
        rows.execute("INSERT INTO users (external_id) VALUES ('gone')");
        // As the retention leaves them: minutes kept from the 21st, hours from the 20th.
        rows.execute(
                "INSERT INTO retention_horizons (kind, kept_from, setting) VALUES"
                        + " ('minute', '2008-10-21T00:00:00Z', 'RETENTION_MINUTE_ROLLUPS_DAYS=1'),"
                        + " ('hour', '2008-10-20T00:00:00Z', 'RETENTION_HOUR_ROLLUPS_DAYS=2')");
        rows.execute(
                "DELETE FROM rollups WHERE granularity = "
                        + Granularity.MINUTE.code()
                        + " AND bucket < '2008-10-21T00:00:00Z'");
        rows.execute(
                "DELETE FROM rollups WHERE granularity = "
                        + Granularity.HOUR.code()
                        + " AND bucket < '2008-10-20T00:00:00Z'");

        new SchemaMigrations(postgres.dataSource(), postgres.schema(), StorageChoice.PLAIN)
                .migrate();

        assertThat(
                        rows.strings(
                                "SELECT external_id || ' ' || CASE WHEN first_event = '-infinity'"
                                        + " THEN 'before anything kept' ELSE to_char(first_event"
                                        + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') END"
                                        + " FROM users ORDER BY external_id"))
                .containsExactly(
                        "daily 2008-10-19 00:00:00",
                        "gone before anything kept",
                        "hourly 2008-10-20 07:00:00",
                        "recent 2008-10-21 10:17:00");
    }

    private static Event click(String at, String user) {
        return new Event(Instant.parse(at), user, EventKind.CLICK);
    }
}
