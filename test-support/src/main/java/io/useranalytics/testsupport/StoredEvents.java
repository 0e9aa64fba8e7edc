package io.useranalytics.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** What the writer stored for the users of one load, read back for exact comparison. */
public final class StoredEvents {
    private final DataSource dataSource;
    private final String userPrefix;

    public StoredEvents(DataSource dataSource, String userPrefix) {
        this.dataSource = dataSource;
        this.userPrefix = userPrefix;
    }

    public long count() {
        return single(
                "SELECT count(*) FROM events e JOIN users u ON u.id = e.user_id WHERE u.external_id LIKE ?");
    }

    /** Rows beyond the first of each (user, time): every load event is distinct, so 0 is right. */
    public long duplicates() {
        return single(
                "SELECT count(*) - count(DISTINCT (e.user_id, e.time)) FROM events e"
                        + " JOIN users u ON u.id = e.user_id WHERE u.external_id LIKE ?");
    }

    /** Each stored event as {@code user@epochMillis}. */
    public java.util.List<String> keys() {
        java.util.List<String> keys = new java.util.ArrayList<>();
        query(
                "SELECT u.external_id, e.time FROM events e JOIN users u ON u.id = e.user_id"
                        + " WHERE u.external_id LIKE ?",
                rows ->
                        keys.add(
                                rows.getString(1)
                                        + "@"
                                        + rows.getTimestamp(2).toInstant().toEpochMilli()));
        return keys;
    }

    public Map<String, Long> perUser() {
        Map<String, Long> counts = new HashMap<>();
        query(
                "SELECT u.external_id, count(*) FROM events e JOIN users u ON u.id = e.user_id"
                        + " WHERE u.external_id LIKE ? GROUP BY 1",
                rows -> counts.put(rows.getString(1), rows.getLong(2)));
        return counts;
    }

    public Map<Instant, Long> perHour() {
        Map<Instant, Long> counts = new HashMap<>();
        query(
                "SELECT date_trunc('hour', e.time AT TIME ZONE 'UTC'), count(*) FROM events e"
                        + " JOIN users u ON u.id = e.user_id WHERE u.external_id LIKE ? GROUP BY 1",
                rows ->
                        counts.put(
                                rows.getTimestamp(1)
                                        .toLocalDateTime()
                                        .toInstant(java.time.ZoneOffset.UTC),
                                rows.getLong(2)));
        return counts;
    }

    private long single(String sql) {
        long[] result = new long[1];
        query(sql, rows -> result[0] = rows.getLong(1));
        return result[0];
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, userPrefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
