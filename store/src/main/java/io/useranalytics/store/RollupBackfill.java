package io.useranalytics.store;

import io.useranalytics.record.EventKind;
import io.useranalytics.store.rollup.RollupDeltas;
import io.useranalytics.store.rollup.RollupStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 4: builds the rollups of events stored before rollups existed, in time order, in
 * chunks, logging progress. On a new schema there is nothing to do. It writes rows of shard 0 with
 * today's {@link RollupStore}, so it first gives the table the layout of migration 9 (the shard
 * column and key), which that migration then sets again.
 */
final class RollupBackfill extends JavaStoreMigration {
    private static final Logger log = LoggerFactory.getLogger(RollupBackfill.class);
    private static final int CHUNK = 100_000;
    private static final short SHARD = 0;

    /** As V9__rollups_per_shard.sql; both may run, the second changes nothing. */
    private static final String SHARD_LAYOUT =
            "ALTER TABLE rollups ADD COLUMN IF NOT EXISTS shard smallint NOT NULL DEFAULT 0;"
                    + " ALTER TABLE rollups DROP CONSTRAINT rollups_pkey;"
                    + " ALTER TABLE rollups ADD PRIMARY KEY (granularity, bucket, shard)";

    private static final long PROGRESS_EVERY = 1_000_000;

    RollupBackfill() {
        super("4", "backfill rollups from events");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute(SHARD_LAYOUT);
        }
        RollupStore store = new RollupStore();
        RollupDeltas deltas = new RollupDeltas();
        long done = 0;
        long started = System.nanoTime();
        try (PreparedStatement select =
                connection.prepareStatement(
                        "SELECT time, user_id, kind::text FROM events ORDER BY time")) {
            select.setFetchSize(10_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    deltas.add(
                            rows.getTimestamp(1).toInstant(),
                            rows.getLong(2),
                            EventKind.parse(rows.getString(3)));
                    if (deltas.events() == CHUNK) {
                        store.add(connection, SHARD, deltas.drain());
                    }
                    if (++done % PROGRESS_EVERY == 0) {
                        log.info(
                                "rollup backfill: {} events so far, {} s",
                                done,
                                (System.nanoTime() - started) / 1_000_000_000);
                    }
                }
            }
        }
        store.add(connection, SHARD, deltas.drain());
        if (done > 0) {
            log.info(
                    "rollup backfill: built rollups of {} events in {} s",
                    done,
                    (System.nanoTime() - started) / 1_000_000_000);
        }
    }
}
