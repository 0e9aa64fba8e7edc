package io.useranalytics.writer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Adds users seen for the first time, by the id given, and returns the internal id of every user of
 * a batch. Known users are looked up before anything is inserted, so the identity sequence is spent
 * only on new users and internal ids stay dense (they index the rollups' bitmaps).
 */
final class UserRegistry {
    private static final String SELECT_IDS =
            "SELECT external_id, id FROM users WHERE external_id = ANY (?::text[])";
    private static final String INSERT_NEW =
            "INSERT INTO users (external_id) SELECT unnest(?::text[])"
                    + " ON CONFLICT (external_id) DO NOTHING RETURNING external_id, id";

    Map<String, Long> idsFor(Connection connection, Set<String> users) throws SQLException {
        Map<String, Long> ids = new HashMap<>(users.size() * 2);
        if (users.isEmpty()) {
            return ids;
        }
        select(connection, SELECT_IDS, users, ids);
        // Sorted: concurrent writers inserting the same new users lock them in one order.
        Set<String> missing = new TreeSet<>();
        for (String user : users) {
            if (!ids.containsKey(user)) {
                missing.add(user);
            }
        }
        if (!missing.isEmpty()) {
            select(connection, INSERT_NEW, missing, ids);
            missing.removeAll(ids.keySet());
            // Added meanwhile by another writer's committed transaction.
            select(connection, SELECT_IDS, missing, ids);
        }
        return ids;
    }

    private static void select(
            Connection connection, String sql, Set<String> users, Map<String, Long> into)
            throws SQLException {
        if (users.isEmpty()) {
            return;
        }
        Array names = connection.createArrayOf("text", users.toArray());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, names);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    into.put(rows.getString(1), rows.getLong(2));
                }
            }
        } finally {
            names.free();
        }
    }
}
