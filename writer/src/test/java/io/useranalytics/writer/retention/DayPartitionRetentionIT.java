package io.useranalytics.writer.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.StorageChoice;
import io.useranalytics.store.StorageMode;
import io.useranalytics.store.fixtures.EventRows;
import io.useranalytics.store.retention.Horizon;
import io.useranalytics.store.retention.RetentionHorizons;
import io.useranalytics.store.retention.RetentionPass;
import io.useranalytics.testsupport.OldSchema;
import io.useranalytics.testsupport.RealPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain PostgreSQL mode (on any server): old events go a day partition at a time, old rollups one
 * granularity at a time, each an hour behind the horizon query-api reads; an installation from
 * before partitioning keeps every row.
 */
class DayPartitionRetentionIT {
    @RegisterExtension static final RealPostgres fresh = new RealPostgres();
    @RegisterExtension static final RealPostgres upgraded = new RealPostgres();

    private static final RetentionConfig ONE_TWO_THREE_FOUR_DAYS =
            RetentionConfig.from(
                    new Env(
                            Map.of(
                                    "RETENTION_EVENTS_DAYS", "1",
                                    "RETENTION_SECOND_ROLLUPS_DAYS", "2",
                                    "RETENTION_MINUTE_ROLLUPS_DAYS", "3",
                                    "RETENTION_HOUR_ROLLUPS_DAYS", "4",
                                    "RETENTION_DAY_ROLLUPS_DAYS", "5")));

    @Test
    void old_days_go_as_whole_partitions_and_old_rollups_by_granularity() throws Exception {
        new SchemaMigrations(fresh.dataSource(), fresh.schema(), StorageChoice.PLAIN).migrate();
        new EventRows(fresh.dataSource())
                .insert(
                        List.of(
                                click("2008-10-19T12:00:00Z", "a"),
                                click("2008-10-20T12:00:00Z", "b"),
                                click("2008-10-21T12:00:00Z", "c"),
                                click("2008-10-22T11:30:00Z", "d")));

        RetentionPass.Applied applied = retention(fresh, "2008-10-23T12:00:00Z").apply();

        assertThat(applied.removed())
                .contains(
                        "event partitions event_blocks_20081019, event_blocks_20081020,"
                                + " event_blocks_20081021",
                        "2 per-second rollups rows before 2008-10-21T11:00:00Z",
                        "1 per-minute rollups rows before 2008-10-20T11:00:00Z");
        assertThat(partitions(fresh))
                .containsExactly(
                        "event_blocks_20081022",
                        "event_blocks_20081023",
                        "event_blocks_20081024",
                        "event_blocks_20081025");
        assertThat(count(fresh, "SELECT count(*) FROM events")).isEqualTo(1);
        assertThat(count(fresh, "SELECT count(*) FROM rollups WHERE granularity = 1")).isEqualTo(2);
        assertThat(count(fresh, "SELECT count(*) FROM rollups WHERE granularity = 2")).isEqualTo(3);
        assertThat(count(fresh, "SELECT count(*) FROM rollups WHERE granularity = 3")).isEqualTo(4);
        assertThat(count(fresh, "SELECT count(*) FROM rollups WHERE granularity = 4")).isEqualTo(4);
        assertThat(horizons(fresh))
                .containsExactly(
                        "events 2008-10-22T12:00:00Z RETENTION_EVENTS_DAYS=1",
                        "second 2008-10-21T12:00:00Z RETENTION_SECOND_ROLLUPS_DAYS=2",
                        "minute 2008-10-20T12:00:00Z RETENTION_MINUTE_ROLLUPS_DAYS=3",
                        "hour 2008-10-19T12:00:00Z RETENTION_HOUR_ROLLUPS_DAYS=4",
                        "day 2008-10-18T12:00:00Z RETENTION_DAY_ROLLUPS_DAYS=5");

        assertThat(retention(fresh, "2008-10-23T12:00:00Z").apply().removed()).isEmpty();
        retention(fresh, "2008-10-22T00:00:00Z").apply();
        assertThat(horizons(fresh))
                .first()
                .isEqualTo("events 2008-10-22T12:00:00Z RETENTION_EVENTS_DAYS=1");
    }

    @Test
    void an_unpartitioned_installation_keeps_every_row_until_all_of_it_is_past_the_retention()
            throws Exception {
        OldSchema old = new OldSchema(upgraded);
        old.migrateTo("3", "plain");
        old.addTenThousandEvents();
        String before = old.eventsFingerprint();

        StorageMode mode = new SchemaMigrations(upgraded.dataSource(), upgraded.schema()).migrate();

        assertThat(mode).isEqualTo(StorageMode.PLAIN);
        assertThat(count(upgraded, "SELECT count(*) FROM events")).isEqualTo(10_000);
        assertThat(old.eventsFingerprint()).isEqualTo(before);
        assertThat(count(upgraded, "SELECT count(*) FROM event_blocks_migrated"))
                .as("a row per second")
                .isEqualTo(
                        count(
                                upgraded,
                                "SELECT count(DISTINCT date_trunc('second', time)) FROM events"))
                .isLessThan(10_000);
        Instant later = Instant.now().plusSeconds(3 * 86_400);
        new EventRows(upgraded.dataSource())
                .insert(List.of(new Event(later, "new", EventKind.CLICK)));
        assertThat(count(upgraded, "SELECT count(*) FROM events")).isEqualTo(10_001);

        assertThat(retention(upgraded, Instant.now().toString()).apply().removed())
                .noneMatch(removed -> removed.startsWith("event partitions"));
        assertThat(count(upgraded, "SELECT count(*) FROM events")).isEqualTo(10_001);
        assertThat(retention(upgraded, later.plusSeconds(86_400).toString()).apply().removed())
                .anyMatch(removed -> removed.contains("event_blocks_migrated"));
        assertThat(count(upgraded, "SELECT count(*) FROM events")).isEqualTo(1);
    }

    @Test
    void a_run_says_when_it_last_succeeded_and_counts_its_failures() throws Exception {
        new SchemaMigrations(fresh.dataSource(), fresh.schema(), StorageChoice.PLAIN).migrate();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Clock clock = Clock.fixed(Instant.parse("2008-10-23T12:00:00Z"), ZoneOffset.UTC);
        new Retention(
                        new RetentionPass(
                                fresh.dataSource(),
                                Retention.eventExpiry(StorageMode.PLAIN, ONE_TWO_THREE_FOUR_DAYS)),
                        ONE_TWO_THREE_FOUR_DAYS,
                        clock,
                        meters)
                .run();
        try (HikariDataSource closed = fresh.pool("closed")) {
            closed.close();
            new Retention(
                            new RetentionPass(
                                    closed,
                                    Retention.eventExpiry(
                                            StorageMode.PLAIN, ONE_TWO_THREE_FOUR_DAYS)),
                            ONE_TWO_THREE_FOUR_DAYS,
                            clock,
                            meters)
                    .run();
        }

        assertThat(meters.get("writer.retention.last.applied").gauge().value())
                .isEqualTo(Instant.parse("2008-10-23T12:00:00Z").getEpochSecond());
        assertThat(meters.get("writer.retention.failures").counter().count()).isEqualTo(1.0);
    }

    private static Retention retention(RealPostgres postgres, String now) {
        return new Retention(
                new RetentionPass(
                        postgres.dataSource(),
                        Retention.eventExpiry(StorageMode.PLAIN, ONE_TWO_THREE_FOUR_DAYS)),
                ONE_TWO_THREE_FOUR_DAYS,
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC),
                new SimpleMeterRegistry());
    }

    private static Event click(String at, String user) {
        return new Event(Instant.parse(at), user, EventKind.CLICK);
    }

    private static List<String> partitions(RealPostgres postgres) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                                        + " WHERE i.inhparent = to_regclass('event_blocks') ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static List<String> horizons(RealPostgres postgres) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = postgres.dataSource().getConnection()) {
            for (Horizon horizon : new RetentionHorizons().read(connection).values()) {
                lines.add(
                        horizon.data().key() + " " + horizon.keptFrom() + " " + horizon.setting());
            }
        }
        return lines;
    }

    private static long count(RealPostgres postgres, String sql) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(RealPostgres postgres, String sql) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
