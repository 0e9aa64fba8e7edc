package io.useranalytics.store;

import io.useranalytics.store.retention.Horizon;
import io.useranalytics.store.retention.RetainedData;
import io.useranalytics.store.retention.RetentionHorizons;
import io.useranalytics.store.rollup.BucketKey;
import io.useranalytics.store.rollup.BucketSummary;
import io.useranalytics.store.rollup.Granularity;
import io.useranalytics.store.rollup.RollupStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.migration.Context;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 14: the day rollups of what was stored before they existed, built exactly from the hour
 * rollups: a shard's day row is the union of its hour rows of that UTC day. Only days whose every
 * hour is still kept are built (from the first whole day after the hour rollups' horizon), and the
 * day rollups' horizon moves there, so that no day bucket counts part of a day: query-api answers
 * 410 for earlier days, as for any data the retention removed. A day of a shard at a time, in time
 * order, logging progress.
 */
final class DayRollupBackfill extends JavaStoreMigration {
    private static final Logger log = LoggerFactory.getLogger(DayRollupBackfill.class);

    private static final String HOURS =
            "SELECT shard, bucket, clicks, impressions, users FROM rollups"
                    + " WHERE granularity = "
                    + Granularity.HOUR.code()
                    + " AND bucket >= ? ORDER BY shard, bucket";
    private static final String FORGET_DAYS =
            "DELETE FROM rollups WHERE granularity = " + Granularity.DAY.code();

    private static final int PROGRESS_EVERY = 100;

    DayRollupBackfill() {
        super("14", "day rollups from hour rollups");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        RetentionHorizons horizons = new RetentionHorizons();
        Optional<Instant> firstWholeDay =
                Optional.ofNullable(horizons.read(connection).get(RetainedData.HOUR_ROLLUPS))
                        .map(hours -> ceilToDay(hours.keptFrom()));
        try (Statement statement = connection.createStatement()) {
            statement.execute(FORGET_DAYS); // none but those of migration 4's backfill
        }
        int days = build(connection, firstWholeDay.orElse(Instant.parse("0001-01-01T00:00:00Z")));
        if (firstWholeDay.isPresent()) {
            horizons.advance(
                    connection,
                    new Horizon(
                            RetainedData.DAY_ROLLUPS,
                            firstWholeDay.get(),
                            "day rollups built from the hour rollups kept when they were added"));
        }
        if (days > 0) {
            log.info("day rollups: built {} days of shards from the hour rollups", days);
        }
    }

    /** Builds the day rows from {@code from} on; returns how many. */
    private static int build(Connection connection, Instant from) throws SQLException {
        RollupStore store = new RollupStore();
        DayOfShard day = null;
        int built = 0;
        try (PreparedStatement select = connection.prepareStatement(HOURS)) {
            select.setObject(1, SqlTime.of(from));
            select.setFetchSize(100);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    short shard = rows.getShort(1);
                    Instant dayStart = Granularity.DAY.bucketOf(rows.getTimestamp(2).toInstant());
                    if (day != null && !day.holds(shard, dayStart)) {
                        day.store(connection, store);
                        if (++built % PROGRESS_EVERY == 0) {
                            log.info("day rollups: {} days of shards so far", built);
                        }
                        day = null;
                    }
                    if (day == null) {
                        day = new DayOfShard(shard, dayStart);
                    }
                    day.add(rows.getLong(3), rows.getLong(4), rows.getBytes(5));
                }
            }
        }
        if (day != null) {
            day.store(connection, store);
            built++;
        }
        return built;
    }

    private static Instant ceilToDay(Instant instant) {
        Instant floor = Granularity.DAY.bucketOf(instant);
        return floor.equals(instant) ? instant : floor.plus(1, ChronoUnit.DAYS);
    }

    /** The hour rows of one shard's day, merged as they come. */
    private static final class DayOfShard {
        private final short shard;
        private final Instant start;
        private long clicks;
        private long impressions;
        private final RoaringBitmap users = new RoaringBitmap();

        DayOfShard(short shard, Instant start) {
            this.shard = shard;
            this.start = start;
        }

        boolean holds(short shard, Instant dayStart) {
            return this.shard == shard && start.equals(dayStart);
        }

        void add(long clicks, long impressions, byte[] users) {
            this.clicks += clicks;
            this.impressions += impressions;
            if (users.length > 0) {
                this.users.or(BucketSummary.usersFromBytes(users));
            }
        }

        void store(Connection connection, RollupStore store) throws SQLException {
            store.add(
                    connection,
                    shard,
                    Map.of(
                            new BucketKey(Granularity.DAY, start),
                            new BucketSummary(clicks, impressions, users)));
        }
    }
}
