package io.useranalytics.writer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Adds users seen for the first time, by the id given, and returns the internal id of every user of
 * a batch. Users in {@link KnownUsers} need no lookup. The others are inserted only where no row
 * has their id, so the identity sequence is spent only on new users and internal ids stay dense
 * (they index the rollups' bitmaps).
 */
final class UserRegistry {
    /**
     * One index probe per id, whatever the table's size: with {@code external_id = ANY (?)} and
     * tens of thousands of ids the planner chose a sequential scan of all users (230 ms for 50,000
     * ids among 1,000,000 users, against 104-156 ms probing), which grows with the table.
     */
    private static final String SELECT_IDS =
            "SELECT i.external_id, (SELECT u.id FROM users u WHERE u.external_id = i.external_id)"
                    + " FROM unnest(?::text[]) AS i(external_id)";

    private static final String INSERT_NEW =
            "INSERT INTO users (external_id) SELECT unnest(?::text[])"
                    + " ON CONFLICT (external_id) DO NOTHING RETURNING external_id, id";

    /**
     * Inserts the ids no row has, in one statement that also finds which those are; it fails with a
     * unique violation if another transaction adds one of them meanwhile. Bench scenario 3
     * (1,000,000 new users in 50 batches): 10.7 s of adding users against 12.4-13.2 s for a lookup
     * followed by {@link #INSERT_NEW}.
     */
    private static final String INSERT_UNSEEN =
            "INSERT INTO users (external_id) SELECT i.external_id"
                    + " FROM unnest(?::text[]) AS i(external_id)"
                    + " WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.external_id = i.external_id)"
                    + " RETURNING external_id, id";

    private static final String UNIQUE_VIOLATION = "23505";

    private final KnownUsers known;

    UserRegistry(KnownUsers known) {
        this.known = known;
    }

    /**
     * The ids of a batch's users, read or added in the caller's transaction, on the assumption that
     * no other transaction adds any of them meanwhile. If one does, this fails with an exception
     * for which {@link #isRace} holds: roll back and call {@link #idsBesideOtherWriters}.
     */
    BatchUsers idsFor(Connection connection, Set<String> users) throws SQLException {
        Map<String, Long> ids = new HashMap<>(users.size() * 2);
        List<String> unknown = unknown(users, ids);
        Map<String, Long> fromDatabase = new HashMap<>(unknown.size() * 2);
        // Sorted: transactions inserting the same new users lock them in one order.
        select(connection, INSERT_UNSEEN, new TreeSet<>(unknown), fromDatabase);
        List<String> existing = new ArrayList<>();
        for (String user : unknown) {
            if (!fromDatabase.containsKey(user)) {
                existing.add(user);
            }
        }
        select(connection, SELECT_IDS, existing, fromDatabase);
        ids.putAll(fromDatabase);
        return new BatchUsers(ids, fromDatabase);
    }

    /** True if {@code failure} means another transaction added some of the same users. */
    static boolean isRace(SQLException failure) {
        return UNIQUE_VIOLATION.equals(failure.getSQLState());
    }

    /** As {@link #idsFor}, also when other transactions add the same users at the same time. */
    BatchUsers idsBesideOtherWriters(Connection connection, Set<String> users) throws SQLException {
        Map<String, Long> ids = new HashMap<>(users.size() * 2);
        List<String> unknown = unknown(users, ids);
        Map<String, Long> fromDatabase = new HashMap<>(unknown.size() * 2);
        select(connection, SELECT_IDS, unknown, fromDatabase);
        // Sorted: concurrent writers inserting the same new users lock them in one order.
        Set<String> missing = new TreeSet<>();
        for (String user : unknown) {
            if (!fromDatabase.containsKey(user)) {
                missing.add(user);
            }
        }
        if (!missing.isEmpty()) {
            select(connection, INSERT_NEW, missing, fromDatabase);
            missing.removeAll(fromDatabase.keySet());
            // Added meanwhile by another writer's committed transaction.
            select(connection, SELECT_IDS, missing, fromDatabase);
        }
        ids.putAll(fromDatabase);
        return new BatchUsers(ids, fromDatabase);
    }

    /** Those of {@code users} not in the cache; puts the ids of the others into {@code ids}. */
    private List<String> unknown(Set<String> users, Map<String, Long> ids) {
        List<String> unknown = new ArrayList<>();
        for (String user : users) {
            long id = known.idOf(user);
            if (KnownUsers.isKnown(id)) {
                ids.put(user, id);
            } else {
                unknown.add(user);
            }
        }
        return unknown;
    }

    /** Forgets every remembered id: the database may hold others now. */
    void forgetKnown() {
        known.clear();
    }

    /** Call once the batch's transaction has committed: its ids are now safe to reuse. */
    void committed(BatchUsers users) {
        known.rememberCommitted(users.fromDatabase());
    }

    /**
     * Every user's id, and those of them that were not known before the batch. Java's maps, not
     * open addressing: a bin of user ids that share a {@link String#hashCode()} becomes a tree.
     */
    record BatchUsers(Map<String, Long> ids, Map<String, Long> fromDatabase) {
        /** Whether the database gave {@code user} an id for exactly the text it was sent. */
        boolean has(String user) {
            return ids.containsKey(user);
        }

        long idOf(String user) {
            Long id = ids.get(user);
            if (id == null) {
                throw new IllegalStateException("no id for user " + user);
            }
            return id;
        }
    }

    private static void select(
            Connection connection, String sql, Collection<String> users, Map<String, Long> into)
            throws SQLException {
        if (users.isEmpty()) {
            return;
        }
        Array names = connection.createArrayOf("text", users.toArray());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, names);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(2);
                    if (!rows.wasNull()) {
                        into.put(rows.getString(1), id);
                    }
                }
            }
        } finally {
            names.free();
        }
    }
}
