package io.useranalytics.writer;

import static io.useranalytics.testsupport.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.StorageMode;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.TimescaleServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TimescaleDB path: runs where TEST_DATABASE_URL names a TimescaleDB server or Docker runs. */
class TimescaleModeIT {
    @RegisterExtension static final TimescaleServer timescale = new TimescaleServer();
    @RegisterExtension static final TimescaleServer upgraded = new TimescaleServer();

    /** Every event's time, user and kind, hashed: equal before and after a migration. */
    private static final String EVENTS_FINGERPRINT =
            "SELECT md5(string_agg(time::text || ' ' || user_id || ' ' || kind, ','"
                    + " ORDER BY time, user_id, kind)) FROM events";

    @Test
    void events_become_a_hypertable_and_batches_load_into_it() throws Exception {
        assumeTrue(timescale.isAvailable(), timescale.whyNot());
        RealPostgres postgres = timescale.postgres();

        StorageMode mode = new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();
        new UsersThenEvents(postgres.dataSource(), new OffsetStore(postgres.dataSource(), "g"))
                .write(
                        new Batch(
                                List.of(
                                        anEvent().user("a").build(),
                                        anEvent().user("b").impression().build()),
                                List.of(),
                                Map.of(
                                        new TopicPartition("analytics.events", 0),
                                        new OffsetRange(0, 2))));

        Rows rows = new Rows(postgres.dataSource());
        assertThat(mode).isEqualTo(StorageMode.TIMESCALE);
        assertThat(
                        rows.count(
                                "SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_schema = '"
                                        + postgres.schema()
                                        + "' AND hypertable_name = 'event_blocks'"))
                .isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(2);
    }

    @Test
    void an_installation_with_an_events_hypertable_keeps_every_event_in_blocks() throws Exception {
        assumeTrue(upgraded.isAvailable(), upgraded.whyNot());
        RealPostgres postgres = upgraded.postgres();
        Flyway.configure()
                .dataSource(postgres.dataSource())
                .schemas(postgres.schema())
                .defaultSchema(postgres.schema())
                .locations("classpath:db/migration/common", "classpath:db/migration/timescale")
                .target("3")
                .load()
                .migrate();
        Rows rows = new Rows(postgres.dataSource());
        rows.execute(
                "INSERT INTO users (external_id) SELECT 'old-' || n FROM generate_series(1, 50) n");
        rows.execute(
                "INSERT INTO events (time, user_id, kind) SELECT timestamptz '2024-05-01 10:00:00+00'"
                        + " + (n / 2) * interval '7 minutes 0.123 seconds' + (n % 2) * interval '5 ms',"
                        + " (SELECT min(id) FROM users) + n % 50,"
                        + " CASE WHEN n % 3 = 0 THEN 'impression' ELSE 'click' END::event_kind"
                        + " FROM generate_series(0, 9999) n");
        String before = text(postgres, EVENTS_FINGERPRINT);

        StorageMode mode = new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();

        assertThat(mode).isEqualTo(StorageMode.TIMESCALE);
        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(10_000);
        assertThat(text(postgres, EVENTS_FINGERPRINT)).isEqualTo(before);
        assertThat(rows.count("SELECT count(*) FROM event_blocks"))
                .as("a row per second")
                .isEqualTo(
                        rows.count("SELECT count(DISTINCT date_trunc('second', time)) FROM events"))
                .isLessThan(10_000);
    }

    private static String text(RealPostgres postgres, String sql) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
