package io.useranalytics.store.users;

import io.useranalytics.record.Event;
import io.useranalytics.store.SqlTime;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Column {@code users.first_event}: the time of each user's earliest stored event, so that a cohort
 * of new users is an index range. The batch's transaction lowers it for its users, a late event
 * moving its user to an earlier cohort; {@code -infinity} stands for a user seen before anything
 * the rollups still held when the column was added.
 */
public final class FirstEvents {
    /** Rows locked in id order: writers share no users (a user's events have one partition). */
    private static final String LOWER =
            "UPDATE users u SET first_event = 'epoch'::timestamptz + v.ms * interval '1 millisecond'"
                    + " FROM unnest(?::bigint[], ?::bigint[]) AS v(id, ms)"
                    + " WHERE u.id = v.id AND (u.first_event IS NULL"
                    + " OR u.first_event > 'epoch'::timestamptz + v.ms * interval '1 millisecond')";

    private static final String FIRST_IN =
            "SELECT id FROM users WHERE first_event >= ? AND first_event < ?";

    /**
     * Lowers the first event of each user of {@code events} ({@code userIds[i]} is the internal id
     * of the user of {@code events.get(i)}) to its earliest there, inside the caller's transaction.
     */
    public void lower(Connection connection, List<Event> events, long[] userIds)
            throws SQLException {
        Map<Long, Long> earliest = new TreeMap<>();
        for (int i = 0; i < userIds.length; i++) {
            earliest.merge(userIds[i], events.get(i).timestamp().toEpochMilli(), Math::min);
        }
        if (earliest.isEmpty()) {
            return;
        }
        Array ids = connection.createArrayOf("int8", earliest.keySet().toArray());
        Array times = connection.createArrayOf("int8", earliest.values().toArray());
        try (PreparedStatement lower = connection.prepareStatement(LOWER)) {
            lower.setArray(1, ids);
            lower.setArray(2, times);
            lower.executeUpdate();
        } finally {
            ids.free();
            times.free();
        }
    }

    /** The internal ids of the users whose first event lies in {@code [from, to)}. */
    public RoaringBitmap firstIn(Connection connection, Instant from, Instant to)
            throws SQLException {
        RoaringBitmap users = new RoaringBitmap();
        try (PreparedStatement select = connection.prepareStatement(FIRST_IN)) {
            select.setObject(1, SqlTime.of(from));
            select.setObject(2, SqlTime.of(to));
            select.setFetchSize(100_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    users.add((int) rows.getLong(1));
                }
            }
        }
        return users;
    }
}
