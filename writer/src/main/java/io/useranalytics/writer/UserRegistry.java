package io.useranalytics.writer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adds users seen for the first time, by the id given, and returns the internal id of every user of
 * a batch: two statements per batch, whatever its size.
 */
final class UserRegistry {
    private static final String INSERT_MISSING =
            "INSERT INTO users (external_id) SELECT unnest(?::text[]) ON CONFLICT (external_id) DO NOTHING";
    private static final String SELECT_IDS =
            "SELECT external_id, id FROM users WHERE external_id = ANY (?::text[])";

    Map<String, Long> idsFor(Connection connection, Set<String> users) throws SQLException {
        Map<String, Long> ids = new HashMap<>(users.size() * 2);
        if (users.isEmpty()) {
            return ids;
        }
        Array names = connection.createArrayOf("text", users.toArray());
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MISSING);
                PreparedStatement select = connection.prepareStatement(SELECT_IDS)) {
            insert.setArray(1, names);
            insert.executeUpdate();
            select.setArray(1, names);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(1), rows.getLong(2));
                }
            }
        } finally {
            names.free();
        }
        return ids;
    }
}
