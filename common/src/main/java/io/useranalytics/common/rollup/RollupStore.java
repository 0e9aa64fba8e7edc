package io.useranalytics.common.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Reads and merges rows of table {@code rollups}. Every change stamps the row with the id of the
 * transaction that made it ({@code changed_by}), so that readers can follow changes exactly.
 */
public final class RollupStore {
    private static final String KEYS =
            "SELECT g, 'epoch'::timestamptz + ms * interval '1 millisecond'"
                    + " FROM unnest(?::smallint[], ?::bigint[]) AS k(g, ms)";
    private static final String ENSURE_ROWS =
            "INSERT INTO rollups (granularity, bucket, clicks, impressions, users)"
                    + " SELECT g, 'epoch'::timestamptz + ms * interval '1 millisecond', 0, 0, ''::bytea"
                    + " FROM unnest(?::smallint[], ?::bigint[]) AS k(g, ms)"
                    + " ON CONFLICT (granularity, bucket) DO NOTHING";
    private static final String LOCK_ROWS =
            "SELECT granularity, bucket, clicks, impressions, users FROM rollups"
                    + " WHERE (granularity, bucket) IN ("
                    + KEYS
                    + ")"
                    + " ORDER BY granularity, bucket FOR UPDATE";

    /** One statement for every merged row, not one per row: late events touch many buckets. */
    private static final String UPDATE =
            "UPDATE rollups r SET clicks = v.c, impressions = v.i, users = v.u,"
                    + " changed_by = pg_current_xact_id()"
                    + " FROM unnest(?::smallint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bytea[])"
                    + " AS v(g, ms, c, i, u)"
                    + " WHERE r.granularity = v.g"
                    + " AND r.bucket = 'epoch'::timestamptz + v.ms * interval '1 millisecond'";

    private static final String SELECT =
            "SELECT granularity, bucket, clicks, impressions, users FROM rollups"
                    + " WHERE (granularity, bucket) IN ("
                    + KEYS
                    + ")";
    private static final String CHANGED_SINCE =
            "SELECT r.granularity, r.bucket FROM rollups r JOIN ("
                    + KEYS
                    + ") AS k(g, b) ON r.granularity = k.g AND r.bucket = k.b"
                    + " WHERE r.changed_by >= ?::xid8";
    private static final String WATERMARK = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";

    /**
     * Adds {@code deltas} to the stored buckets inside the caller's transaction. Rows are locked in
     * {@link BucketKey} order, so concurrent writers wait for each other instead of deadlocking.
     */
    public void add(Connection connection, Map<BucketKey, BucketSummary> deltas)
            throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        TreeMap<BucketKey, BucketSummary> sorted = new TreeMap<>(deltas);
        try (PreparedStatement ensure = connection.prepareStatement(ENSURE_ROWS)) {
            bindKeys(connection, ensure, sorted.keySet());
            ensure.executeUpdate();
        }
        Map<BucketKey, BucketSummary> stored = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ROWS)) {
            bindKeys(connection, lock, sorted.keySet());
            readInto(lock, stored);
        }
        int rows = sorted.size();
        Long[] clicks = new Long[rows];
        Long[] impressions = new Long[rows];
        byte[][] users = new byte[rows][];
        int i = 0;
        for (Map.Entry<BucketKey, BucketSummary> entry : sorted.entrySet()) {
            BucketSummary merged =
                    stored.getOrDefault(entry.getKey(), BucketSummary.empty())
                            .plus(entry.getValue());
            clicks[i] = merged.clicks();
            impressions[i] = merged.impressions();
            users[i] = merged.usersAsBytes();
            i++;
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            bindKeys(connection, update, sorted.keySet());
            update.setArray(3, connection.createArrayOf("int8", clicks));
            update.setArray(4, connection.createArrayOf("int8", impressions));
            update.setArray(5, connection.createArrayOf("bytea", users));
            update.executeUpdate();
        }
    }

    /** The stored summaries of those keys that have a row. */
    public Map<BucketKey, BucketSummary> load(Connection connection, Collection<BucketKey> keys)
            throws SQLException {
        Map<BucketKey, BucketSummary> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            bindKeys(connection, select, keys);
            readInto(select, found);
        }
        return found;
    }

    /**
     * The transaction-id watermark of the caller's snapshot: every transaction below it had
     * finished when the snapshot was taken. Read it and {@link #changedSince} in one snapshot.
     */
    public String watermark(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(WATERMARK);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    /**
     * Those of {@code among} changed by a transaction at or above {@code watermark}: a reader asks
     * only about what it holds, however much a backfill changed elsewhere.
     */
    public List<BucketKey> changedSince(
            Connection connection, String watermark, Collection<BucketKey> among)
            throws SQLException {
        List<BucketKey> changed = new ArrayList<>();
        if (among.isEmpty()) {
            return changed;
        }
        try (PreparedStatement select = connection.prepareStatement(CHANGED_SINCE)) {
            bindKeys(connection, select, among);
            select.setString(3, watermark);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    changed.add(
                            new BucketKey(
                                    Granularity.ofCode(rows.getShort(1)),
                                    rows.getTimestamp(2).toInstant()));
                }
            }
        }
        return changed;
    }

    private static void bindKeys(
            Connection connection, PreparedStatement statement, Collection<BucketKey> keys)
            throws SQLException {
        List<Short> codes = new ArrayList<>(keys.size());
        List<Long> starts = new ArrayList<>(keys.size());
        for (BucketKey key : keys) {
            codes.add(key.granularity().code());
            starts.add(key.start().toEpochMilli());
        }
        statement.setArray(1, connection.createArrayOf("int2", codes.toArray()));
        statement.setArray(2, connection.createArrayOf("int8", starts.toArray()));
    }

    private static void readInto(PreparedStatement statement, Map<BucketKey, BucketSummary> into)
            throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                BucketKey key =
                        new BucketKey(
                                Granularity.ofCode(rows.getShort(1)),
                                rows.getTimestamp(2).toInstant());
                byte[] users = rows.getBytes(5);
                into.put(
                        key,
                        new BucketSummary(
                                rows.getLong(3),
                                rows.getLong(4),
                                users.length == 0
                                        ? new RoaringBitmap()
                                        : BucketSummary.usersFromBytes(users)));
            }
        }
    }
}
