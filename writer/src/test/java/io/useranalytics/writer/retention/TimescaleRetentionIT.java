package io.useranalytics.writer.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.StorageMode;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.fixtures.EventRows;
import io.useranalytics.store.retention.EventExpiry;
import io.useranalytics.store.retention.RetentionPass;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.TimescaleServer;
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
 * TimescaleDB mode: day chunks, TimescaleDB's retention policy set from the settings and what it
 * does (its function called directly: the job scheduler of a locally built TimescaleDB may not
 * run), and the retention's runs compressing old chunks. Runs where TEST_DATABASE_URL names a
 * TimescaleDB server.
 */
class TimescaleRetentionIT {
    @RegisterExtension static final TimescaleServer timescale = new TimescaleServer();

    @Test
    void old_chunks_compress_in_small_batches_and_drop_whole_by_the_retention_policy()
            throws Exception {
        assumeTrue(timescale.isAvailable(), timescale.whyNot());
        RealPostgres postgres = timescale.postgres();
        StorageMode mode = new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();
        RetentionConfig config =
                RetentionConfig.from(
                        new Env(
                                Map.of(
                                        "RETENTION_EVENTS_DAYS", "2",
                                        "TIMESCALE_COMPRESS_AFTER_HOURS", "12")));
        EventExpiry expiry = Retention.eventExpiry(mode, config);
        try (Connection connection = postgres.dataSource().getConnection()) {
            expiry.setUp(connection);
            expiry.setUp(connection);
        }
        // The policies' own jobs would drop these 2008 events whenever they run (they did, in
        // one suite run): held, so the functions below decide what happens when.
        strings(
                postgres,
                "SELECT public.alter_job(job_id, scheduled => false)::text"
                        + " FROM timescaledb_information.jobs WHERE hypertable_schema = current_schema()");
        List<Event> events = new ArrayList<>();
        for (int second = 0; second < 250; second++) {
            events.add(click(Instant.parse("2008-10-19T12:00:00Z").plusSeconds(second), "a"));
        }
        events.add(click(Instant.parse("2008-10-20T12:00:00Z"), "b"));
        events.add(click(Instant.parse("2008-10-21T12:00:00Z"), "c"));
        new EventRows(postgres.dataSource()).insert(events);

        assertThat(mode).isEqualTo(StorageMode.TIMESCALE);
        assertThat(
                        strings(
                                postgres,
                                "SELECT proc_name || ' ' || config::text FROM timescaledb_information.jobs"
                                        + " WHERE hypertable_schema = current_schema() ORDER BY 1"))
                .containsExactly(
                        "policy_retention {\"drop_after\": \"49:00:00\", \"hypertable_id\": "
                                + hypertableId(postgres)
                                + "}");
        assertThat(
                        strings(
                                postgres,
                                "SELECT count(*)::text FROM public.show_chunks('event_blocks')"))
                .containsExactly("3");

        RetentionPass.Applied compressing =
                retention(postgres, config, expiry, "2008-10-21T13:00:00Z");
        assertThat(compressing.compressed())
                .singleElement()
                .asString()
                .startsWith("compressed event chunks ");
        assertThat(
                        strings(
                                postgres,
                                "SELECT count(*)::text FROM timescaledb_information.chunks"
                                        + " WHERE hypertable_schema = current_schema() AND is_compressed"))
                .containsExactly("2");
        assertThat(
                        strings(
                                postgres,
                                "SELECT count(*)::text FROM " + firstCompressedChunk(postgres)))
                .as("250 blocks in batches of 10 (TimescaleDB's default would make one)")
                .containsExactly("25");
        assertThat(strings(postgres, "SELECT count(*)::text FROM events")).containsExactly("252");
        assertThat(retention(postgres, config, expiry, "2008-10-21T13:00:00Z").compressed())
                .isEmpty();

        retention(postgres, config, expiry, "2008-10-23T06:00:00Z");
        strings(
                postgres,
                "SELECT public.drop_chunks('event_blocks', older_than => timestamptz '2008-10-21 05:00:00+00')::text");
        assertThat(strings(postgres, "SELECT count(*)::text FROM events")).containsExactly("1");
        assertThat(
                        strings(
                                postgres,
                                "SELECT kept_from::text FROM retention_horizons WHERE kind = 'events'"))
                .containsExactly("2008-10-21 06:00:00+00");
    }

    private static Event click(Instant at, String user) {
        return new Event(at, user, EventKind.CLICK);
    }

    private static RetentionPass.Applied retention(
            RealPostgres postgres, RetentionConfig config, EventExpiry expiry, String now)
            throws StoreException {
        return new Retention(
                        new RetentionPass(postgres.dataSource(), expiry),
                        config,
                        Clock.fixed(Instant.parse(now), ZoneOffset.UTC),
                        new SimpleMeterRegistry())
                .apply();
    }

    /** The table holding the compressed batches of the hypertable's oldest compressed chunk. */
    private static String firstCompressedChunk(RealPostgres postgres) throws SQLException {
        return strings(
                        postgres,
                        "SELECT format('%I.%I', cc.schema_name, cc.table_name)"
                                + " FROM _timescaledb_catalog.chunk c"
                                + " JOIN _timescaledb_catalog.chunk cc ON cc.id = c.compressed_chunk_id"
                                + " JOIN _timescaledb_catalog.hypertable h ON h.id = c.hypertable_id"
                                + " WHERE h.schema_name = current_schema() AND h.table_name = 'event_blocks'"
                                + " ORDER BY c.id LIMIT 1")
                .get(0);
    }

    private static String hypertableId(RealPostgres postgres) throws SQLException {
        return strings(
                        postgres,
                        "SELECT id::text FROM _timescaledb_catalog.hypertable"
                                + " WHERE schema_name = current_schema() AND table_name = 'event_blocks'")
                .get(0);
    }

    private static Statement utc(Statement statement) throws SQLException {
        statement.execute("SET TIME ZONE 'UTC'");
        return statement;
    }

    private static List<String> strings(RealPostgres postgres, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = utc(statement).executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
