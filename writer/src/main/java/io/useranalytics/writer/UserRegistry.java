package io.useranalytics.writer;

import io.useranalytics.store.StoreException;
import io.useranalytics.store.users.UserLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Adds users seen for the first time, by the id given, and returns the internal id of every user of
 * a batch. Users in {@link KnownUsers} need no lookup; the others are read or added in the store
 * ({@link UserLookup}), committed before this returns.
 */
final class UserRegistry {
    private final KnownUsers known;
    private final UserLookup stored;

    UserRegistry(KnownUsers known, UserLookup stored) {
        this.known = Objects.requireNonNull(known, "known == null");
        this.stored = Objects.requireNonNull(stored, "stored == null");
    }

    /** The ids of a batch's users; those not known are read or added and committed. */
    BatchUsers idsFor(Set<String> users) throws StoreException {
        Map<String, Long> ids = new HashMap<>(users.size() * 2);
        Map<String, Long> fromDatabase = stored.idsFor(unknown(users, ids));
        known.rememberCommitted(fromDatabase);
        ids.putAll(fromDatabase);
        return new BatchUsers(ids);
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

    /**
     * Every user's id. Java's maps, not open addressing: a bin of user ids that share a {@link
     * String#hashCode()} becomes a tree.
     */
    record BatchUsers(Map<String, Long> ids) {
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
