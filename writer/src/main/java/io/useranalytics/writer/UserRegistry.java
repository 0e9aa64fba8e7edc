package io.useranalytics.writer;

import io.useranalytics.store.users.UserIds;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds users seen for the first time, by the id given, and returns the internal id of every user of
 * a batch. Users in {@link KnownUsers} need no lookup; the others are read or added in table {@code
 * users} ({@link UserIds}).
 */
final class UserRegistry {
    private final KnownUsers known;
    private final UserIds stored = new UserIds();

    UserRegistry(KnownUsers known) {
        this.known = known;
    }

    /**
     * The ids of a batch's users, read or added in the caller's transaction, on the assumption that
     * no other transaction adds any of them meanwhile. If one does, this fails with an exception
     * for which {@link UserIds#isRace} holds: roll back and call {@link #idsBesideOtherWriters}.
     */
    BatchUsers idsFor(Connection connection, Set<String> users) throws SQLException {
        Map<String, Long> ids = new HashMap<>(users.size() * 2);
        Map<String, Long> fromDatabase = stored.idsFor(connection, unknown(users, ids));
        ids.putAll(fromDatabase);
        return new BatchUsers(ids, fromDatabase);
    }

    /** As {@link #idsFor}, also when other transactions add the same users at the same time. */
    BatchUsers idsBesideOtherWriters(Connection connection, Set<String> users) throws SQLException {
        Map<String, Long> ids = new HashMap<>(users.size() * 2);
        Map<String, Long> fromDatabase =
                stored.idsBesideOtherWriters(connection, unknown(users, ids));
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
}
