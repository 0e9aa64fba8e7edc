package io.useranalytics.store;

import io.useranalytics.store.retention.Horizon;
import io.useranalytics.store.retention.RetainedData;
import io.useranalytics.store.retention.RetentionHorizons;
import io.useranalytics.store.rollup.BucketSummary;
import io.useranalytics.store.rollup.Granularity;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;
import org.roaringbitmap.IntIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 15: column {@code users.first_event}, each user's earliest stored event, set from the
 * rollups for the users already stored: the earliest day bucket holding the user, narrowed to its
 * earliest hour and then minute where those rollups still hold the whole day or hour. So it is
 * exact to the minute for users first seen within the minute rollups' retention, to the hour within
 * the hour rollups', to the day within the day rollups'; a user in no rollup at all was seen before
 * anything kept ({@code -infinity}). Needs 5 bytes of memory per user.
 */
final class FirstEventBackfill extends JavaStoreMigration {
    private static final Logger log = LoggerFactory.getLogger(FirstEventBackfill.class);

    private static final String ADD_COLUMN =
            "ALTER TABLE users ADD COLUMN first_event timestamptz;"
                    + " CREATE INDEX users_first_event_idx ON users (first_event)";
    private static final String MAX_ID = "SELECT coalesce(max(id), 0) FROM users";
    private static final String BUCKETS =
            "SELECT bucket, users FROM rollups WHERE granularity = ? ORDER BY bucket";
    private static final String SET =
            "UPDATE users u SET first_event = 'epoch'::timestamptz + v.m * interval '1 minute'"
                    + " FROM unnest(?::bigint[], ?::bigint[]) AS v(id, m) WHERE u.id = v.id";
    private static final String BEFORE_ANYTHING_KEPT =
            "UPDATE users SET first_event = '-infinity' WHERE first_event IS NULL";

    private static final int NOT_SEEN = Integer.MAX_VALUE;
    private static final int SET_PER_STATEMENT = 10_000;

    /** From coarse to fine: each narrows what the one before found. */
    private static final List<Granularity> LEVELS =
            List.of(Granularity.DAY, Granularity.HOUR, Granularity.MINUTE);

    FirstEventBackfill() {
        super("15", "users' first events from the rollups");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute(ADD_COLUMN);
        }
        long maxId = single(connection, MAX_ID);
        if (maxId == 0) {
            return;
        }
        int[] firstMinute = new int[Math.toIntExact(maxId + 1)];
        byte[] level = new byte[firstMinute.length];
        Arrays.fill(firstMinute, NOT_SEEN);
        Map<RetainedData, Horizon> horizons = new RetentionHorizons().read(connection);
        long started = System.nanoTime();
        for (int l = 0; l < LEVELS.size(); l++) {
            int buckets = narrow(connection, l, horizons, firstMinute, level);
            log.info(
                    "first events: read {} {} rollup rows of {} users, {} s so far",
                    buckets,
                    LEVELS.get(l).name().toLowerCase(Locale.ROOT),
                    maxId,
                    (System.nanoTime() - started) / 1_000_000_000);
        }
        int set = store(connection, firstMinute);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(BEFORE_ANYTHING_KEPT);
        }
        log.info("first events: set for {} users from the rollups", set);
    }

    /**
     * Finds, at level {@code l}, each user's earliest bucket within the one found before; returns
     * how many rollup rows it read.
     */
    private static int narrow(
            Connection connection,
            int l,
            Map<RetainedData, Horizon> horizons,
            int[] firstMinute,
            byte[] level)
            throws SQLException {
        Granularity granularity = LEVELS.get(l);
        long coarserMinutes = l == 0 ? 0 : LEVELS.get(l - 1).size().toMinutes();
        Horizon horizon = horizons.get(RetainedData.of(granularity));
        long keptFromMinute =
                horizon == null ? Long.MIN_VALUE : horizon.keptFrom().getEpochSecond() / 60;
        int read = 0;
        try (PreparedStatement select = connection.prepareStatement(BUCKETS)) {
            select.setShort(1, granularity.code());
            select.setFetchSize(100);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    read++;
                    int bucket = minuteOf(rows.getTimestamp(1).toInstant());
                    byte[] users = rows.getBytes(2);
                    if (users.length == 0) {
                        continue;
                    }
                    IntIterator ids = BucketSummary.usersFromBytes(users).getIntIterator();
                    while (ids.hasNext()) {
                        int id = ids.next();
                        if (id >= level.length) {
                            continue;
                        }
                        if (l == 0) {
                            if (level[id] == 0) {
                                firstMinute[id] = bucket;
                                level[id] = 1;
                            }
                        } else if (level[id] == l
                                && firstMinute[id] >= keptFromMinute
                                && bucket >= firstMinute[id]
                                && bucket < firstMinute[id] + coarserMinutes) {
                            firstMinute[id] = bucket;
                            level[id] = (byte) (l + 1);
                        }
                    }
                }
            }
        }
        return read;
    }

    private static int store(Connection connection, int[] firstMinute) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<Long> minutes = new ArrayList<>();
        int set = 0;
        for (int id = 0; id < firstMinute.length; id++) {
            if (firstMinute[id] != NOT_SEEN) {
                ids.add((long) id);
                minutes.add((long) firstMinute[id]);
                if (ids.size() == SET_PER_STATEMENT) {
                    set += set(connection, ids, minutes);
                }
            }
        }
        return set + set(connection, ids, minutes);
    }

    private static int set(Connection connection, List<Long> ids, List<Long> minutes)
            throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        Array idArray = connection.createArrayOf("int8", ids.toArray());
        Array minuteArray = connection.createArrayOf("int8", minutes.toArray());
        try (PreparedStatement update = connection.prepareStatement(SET)) {
            update.setArray(1, idArray);
            update.setArray(2, minuteArray);
            return update.executeUpdate();
        } finally {
            idArray.free();
            minuteArray.free();
            ids.clear();
            minutes.clear();
        }
    }

    private static int minuteOf(Instant instant) {
        return Math.toIntExact(Math.floorDiv(instant.getEpochSecond(), 60));
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
