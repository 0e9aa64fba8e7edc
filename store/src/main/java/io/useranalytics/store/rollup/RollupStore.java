package io.useranalytics.store.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Reads and merges rows of table {@code rollups}. A bucket has a row per shard: a writer adds to
 * its shard's rows only, so writers with different shards never wait for each other, and a reader
 * merges all shards of a bucket. Every change stamps the row with the id of the transaction that
 * made it ({@code changed_by}), so that readers can follow changes exactly.
 */
public final class RollupStore {
    /**
     * Buckets merged per statement. A stored bitmap may take tens of kilobytes and pgJDBC binds a
     * bytea array as hex text: the full bench's writer (256 MB heap) died of OutOfMemoryError
     * holding 3,070 buckets read by one merge, about 34 MB of bitmaps, to bind them again as text.
     */
    static final int KEYS_PER_STATEMENT = 500;

    private static final String KEYS =
            "SELECT g, 'epoch'::timestamptz + ms * interval '1 millisecond'"
                    + " FROM unnest(?::smallint[], ?::bigint[]) AS k(g, ms)";

    /** Returns the keys it inserted: a key another writer inserted meanwhile is left out. */
    private static final String INSERT_NEW =
            "INSERT INTO rollups (granularity, bucket, clicks, impressions, users, shard)"
                    + " SELECT g, 'epoch'::timestamptz + ms * interval '1 millisecond', c, i, u, ?"
                    + " FROM unnest(?::smallint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bytea[])"
                    + " AS v(g, ms, c, i, u)"
                    + " ON CONFLICT (granularity, bucket, shard) DO NOTHING"
                    + " RETURNING granularity, bucket";

    private static final String LOCK_ROWS =
            "SELECT granularity, bucket, clicks, impressions, users FROM rollups"
                    + " WHERE (granularity, bucket) IN ("
                    + KEYS
                    + ") AND shard = ?"
                    + " ORDER BY granularity, bucket FOR UPDATE";

    /** One statement for every merged row, not one per row: late events touch many buckets. */
    private static final String UPDATE =
            "UPDATE rollups r SET clicks = v.c, impressions = v.i, users = v.u,"
                    + " changed_by = pg_current_xact_id()"
                    + " FROM unnest(?::smallint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bytea[])"
                    + " AS v(g, ms, c, i, u)"
                    + " WHERE r.granularity = v.g"
                    + " AND r.bucket = 'epoch'::timestamptz + v.ms * interval '1 millisecond'"
                    + " AND r.shard = ?";

    private static final String SELECT =
            "SELECT granularity, bucket, clicks, impressions, users FROM rollups"
                    + " WHERE (granularity, bucket) IN ("
                    + KEYS
                    + ")";
    private static final String CHANGED_SINCE =
            "SELECT DISTINCT r.granularity, r.bucket FROM rollups r JOIN ("
                    + KEYS
                    + ") AS k(g, b) ON r.granularity = k.g AND r.bucket = k.b"
                    + " WHERE r.changed_by >= ?::xid8";
    private static final String WATERMARK = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";

    /** Two index probes per granularity, whatever the table's size. */
    private static final String EXTENTS =
            "SELECT g.code,"
                    + " (SELECT min(bucket) FROM rollups WHERE granularity = g.code),"
                    + " (SELECT max(bucket) FROM rollups WHERE granularity = g.code)"
                    + " FROM unnest(?::smallint[]) AS g(code)";

    /**
     * Adds {@code deltas} to the rows of {@code shard} inside the caller's transaction: buckets
     * with a row are locked, merged and updated; the others are inserted with the delta as their
     * value, each row written once. Rows are locked and inserted in {@link BucketKey} order, so
     * writers of one shard wait for each other instead of deadlocking. Works through the keys
     * {@value #KEYS_PER_STATEMENT} at a time, so that a batch spanning thousands of buckets never
     * holds all their bitmaps (and their text encoding) in memory at once.
     */
    public void add(Connection connection, short shard, Map<BucketKey, BucketSummary> deltas)
            throws SQLException {
        TreeMap<BucketKey, BucketSummary> sorted = new TreeMap<>(deltas);
        while (!sorted.isEmpty()) {
            TreeMap<BucketKey, BucketSummary> chunk = new TreeMap<>();
            while (chunk.size() < KEYS_PER_STATEMENT && !sorted.isEmpty()) {
                Map.Entry<BucketKey, BucketSummary> first = sorted.pollFirstEntry();
                chunk.put(first.getKey(), first.getValue());
            }
            addInOrder(connection, shard, chunk);
        }
    }

    private void addInOrder(
            Connection connection, short shard, TreeMap<BucketKey, BucketSummary> sorted)
            throws SQLException {
        Map<BucketKey, BucketSummary> stored = lock(connection, shard, sorted.keySet());
        TreeMap<BucketKey, BucketSummary> fresh = new TreeMap<>();
        for (Map.Entry<BucketKey, BucketSummary> entry : sorted.entrySet()) {
            if (!stored.containsKey(entry.getKey())) {
                fresh.put(entry.getKey(), entry.getValue());
            }
        }
        List<BucketKey> raced = new ArrayList<>(fresh.keySet());
        raced.removeAll(insert(connection, shard, fresh));
        stored.putAll(lock(connection, shard, raced));
        TreeMap<BucketKey, BucketSummary> merged = new TreeMap<>();
        for (Map.Entry<BucketKey, BucketSummary> entry : stored.entrySet()) {
            merged.put(entry.getKey(), entry.getValue().plus(sorted.get(entry.getKey())));
        }
        if (!merged.isEmpty()) {
            try (PreparedStatement update = prepareWithRows(connection, UPDATE, merged)) {
                update.setShort(6, shard);
                update.executeUpdate();
            }
        }
    }

    private Map<BucketKey, BucketSummary> lock(
            Connection connection, short shard, Collection<BucketKey> keys) throws SQLException {
        Map<BucketKey, BucketSummary> locked = new HashMap<>();
        if (!keys.isEmpty()) {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_ROWS)) {
                bindKeys(connection, lock, keys, 1);
                lock.setShort(3, shard);
                readInto(lock, locked);
            }
        }
        return locked;
    }

    private Set<BucketKey> insert(
            Connection connection, short shard, Map<BucketKey, BucketSummary> rows)
            throws SQLException {
        Set<BucketKey> inserted = new HashSet<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        try (PreparedStatement insert = prepareWithRows(connection, INSERT_NEW, rows, 2)) {
            insert.setShort(1, shard);
            try (ResultSet keys = insert.executeQuery()) {
                while (keys.next()) {
                    inserted.add(keyOf(keys));
                }
            }
        }
        return inserted;
    }

    /**
     * A statement with the rows bound as arrays: (granularity, start, clicks, impressions, users).
     */
    private static PreparedStatement prepareWithRows(
            Connection connection, String sql, Map<BucketKey, BucketSummary> rows)
            throws SQLException {
        return prepareWithRows(connection, sql, rows, 1);
    }

    /** As above, the five arrays bound from parameter {@code first} on. */
    private static PreparedStatement prepareWithRows(
            Connection connection, String sql, Map<BucketKey, BucketSummary> rows, int first)
            throws SQLException {
        int count = rows.size();
        Long[] clicks = new Long[count];
        Long[] impressions = new Long[count];
        byte[][] users = new byte[count][];
        int i = 0;
        for (BucketSummary row : rows.values()) {
            clicks[i] = row.clicks();
            impressions[i] = row.impressions();
            users[i] = row.usersAsBytes();
            i++;
        }
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bindKeys(connection, statement, rows.keySet(), first);
            statement.setArray(first + 2, connection.createArrayOf("int8", clicks));
            statement.setArray(first + 3, connection.createArrayOf("int8", impressions));
            statement.setArray(first + 4, connection.createArrayOf("bytea", users));
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** The stored summaries of those keys that have a row, every shard merged. */
    public Map<BucketKey, BucketSummary> load(Connection connection, Collection<BucketKey> keys)
            throws SQLException {
        Map<BucketKey, BucketSummary> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            bindKeys(connection, select, keys, 1);
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
     * The first and last bucket stored of each granularity that has any: no bucket outside holds
     * data.
     */
    public Map<Granularity, BucketExtent> extents(Connection connection) throws SQLException {
        Map<Granularity, BucketExtent> extents = new EnumMap<>(Granularity.class);
        Short[] codes =
                Arrays.stream(Granularity.values()).map(Granularity::code).toArray(Short[]::new);
        try (PreparedStatement select = connection.prepareStatement(EXTENTS)) {
            select.setArray(1, connection.createArrayOf("int2", codes));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (rows.getTimestamp(2) != null) {
                        extents.put(
                                Granularity.ofCode(rows.getShort(1)),
                                new BucketExtent(
                                        rows.getTimestamp(2).toInstant(),
                                        rows.getTimestamp(3).toInstant()));
                    }
                }
            }
        }
        return extents;
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
            bindKeys(connection, select, among, 1);
            select.setString(3, watermark);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    changed.add(keyOf(rows));
                }
            }
        }
        return changed;
    }

    /** Binds the keys as two arrays, at parameters {@code first} and {@code first + 1}. */
    private static void bindKeys(
            Connection connection,
            PreparedStatement statement,
            Collection<BucketKey> keys,
            int first)
            throws SQLException {
        List<Short> codes = new ArrayList<>(keys.size());
        List<Long> starts = new ArrayList<>(keys.size());
        for (BucketKey key : keys) {
            codes.add(key.granularity().code());
            starts.add(key.start().toEpochMilli());
        }
        statement.setArray(first, connection.createArrayOf("int2", codes.toArray()));
        statement.setArray(first + 1, connection.createArrayOf("int8", starts.toArray()));
    }

    /** The key in columns 1 (granularity) and 2 (bucket) of the current row. */
    private static BucketKey keyOf(ResultSet row) throws SQLException {
        return new BucketKey(Granularity.ofCode(row.getShort(1)), row.getTimestamp(2).toInstant());
    }

    private static void readInto(PreparedStatement statement, Map<BucketKey, BucketSummary> into)
            throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                byte[] users = rows.getBytes(5);
                into.merge(
                        keyOf(rows),
                        new BucketSummary(
                                rows.getLong(3),
                                rows.getLong(4),
                                users.length == 0
                                        ? new RoaringBitmap()
                                        : BucketSummary.usersFromBytes(users)),
                        BucketSummary::plus);
            }
        }
    }
}
