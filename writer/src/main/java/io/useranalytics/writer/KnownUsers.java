package io.useranalytics.writer;

import it.unimi.dsi.fastutil.objects.Object2LongLinkedOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2LongMap;

/**
 * The internal ids of users whose rows are committed, the most recently used at most {@code
 * capacity} of them, so that most of a batch's users need no lookup in the database. Holds only
 * committed ids: a user added by a batch that rolls back may get another id when it is retried.
 * Relies on users rows never being deleted or renumbered while the writer runs.
 */
final class KnownUsers {
    private static final long UNKNOWN = -1;

    private final int capacity;
    private final Object2LongLinkedOpenHashMap<String> ids;

    KnownUsers(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity < 0: " + capacity);
        }
        this.capacity = capacity;
        this.ids = new Object2LongLinkedOpenHashMap<>(Math.min(capacity, 1 << 16));
        ids.defaultReturnValue(UNKNOWN);
    }

    /** The id of {@code user}, or {@link #UNKNOWN}; marks it as the most recently used. */
    long idOf(String user) {
        return ids.getAndMoveToLast(user);
    }

    static boolean isKnown(long id) {
        return id != UNKNOWN;
    }

    /**
     * Remembers ids of a committed transaction, forgetting the least recently used beyond capacity.
     */
    void rememberCommitted(Object2LongMap<String> committed) {
        if (capacity == 0) {
            return;
        }
        for (Object2LongMap.Entry<String> entry : committed.object2LongEntrySet()) {
            ids.putAndMoveToLast(entry.getKey(), entry.getLongValue());
        }
        while (ids.size() > capacity) {
            ids.removeFirstLong();
        }
    }

    int size() {
        return ids.size();
    }
}
