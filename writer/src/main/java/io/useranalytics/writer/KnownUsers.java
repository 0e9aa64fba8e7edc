package io.useranalytics.writer;

import java.util.Map;

/**
 * The internal ids of users whose rows are committed, so that most of a batch's users need no
 * lookup in the database: the recently used ones, at most {@code capacity}. Two generations of
 * {@link UserIdTable}, each of half the capacity: new ids go into the current one, and a user found
 * only in the previous one is copied into the current one; when the current one is full it becomes
 * the previous one and the oldest is dropped whole. So a user used since the last drop is kept, and
 * at least half the capacity's most recently used users are.
 *
 * <p>Holds only committed ids: a user added by a batch that rolls back may get another id when it
 * is retried. Relies on users rows never being deleted or renumbered while the writer runs; a
 * database found to have gone back in time clears it. Mutable; used by the writer's poll thread
 * only.
 */
final class KnownUsers {
    private static final long UNKNOWN = UserIdTable.ABSENT;

    private final int generationCapacity;
    private final UserIdHash hash;
    private UserIdTable current;
    private UserIdTable previous;

    KnownUsers(int capacity, UserIdHash hash) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity < 0: " + capacity);
        }
        this.generationCapacity = (capacity + 1) / 2;
        this.hash = hash;
        this.current = new UserIdTable(generationCapacity, hash);
        this.previous = new UserIdTable(0, hash);
    }

    /** The id of {@code user}, or {@link #UNKNOWN}; marks it as recently used. */
    long idOf(String user) {
        long id = current.idOf(user);
        if (id == UNKNOWN) {
            id = previous.idOf(user);
            if (id != UNKNOWN) {
                remember(user, id);
            }
        }
        return id;
    }

    static boolean isKnown(long id) {
        return id != UNKNOWN;
    }

    /** Remembers ids of a committed transaction. */
    void rememberCommitted(Map<String, Long> committed) {
        committed.forEach(this::remember);
    }

    /** Forgets every id. */
    void clear() {
        current = new UserIdTable(generationCapacity, hash);
        previous = new UserIdTable(0, hash);
    }

    int size() {
        return current.size() + previous.size();
    }

    private void remember(String user, long id) {
        if (generationCapacity == 0) {
            return;
        }
        if (!current.add(user, id)) {
            previous = current;
            current = new UserIdTable(generationCapacity, hash);
            current.add(user, id);
        }
    }
}
