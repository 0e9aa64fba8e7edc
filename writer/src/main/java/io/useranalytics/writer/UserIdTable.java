package io.useranalytics.writer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fixed-capacity map from external user id to internal id, held in a few primitive arrays: the
 * ids' UTF-8 bytes one after another in one byte array, and an open-addressing table of entry
 * numbers, placed by a keyed hash ({@link UserIdHash}) so that no client can choose ids that share
 * a probe chain. About 30 bytes an entry for short ids, against about 95 for a map of {@code
 * String}s, and nothing for the garbage collector to trace. No removal: when full it refuses new
 * entries, and {@link KnownUsers} starts a new table. Mutable; used by the writer's poll thread
 * only.
 */
final class UserIdTable {
    static final long ABSENT = -1;

    private static final int FIRST_ENTRIES = 1 << 12;

    private final int capacity;
    private final UserIdHash hash;
    private int size;

    /** Entry number + 1 per slot, 0 for an empty slot; at most half the slots are in use. */
    private int[] slots = new int[0];

    private int[] hashes = new int[0];
    private long[] ids = new long[0];

    /** Entry i's bytes are {@code bytes[ends[i - 1]] .. bytes[ends[i]]}, with ends[-1] = 0. */
    private int[] ends = new int[0];

    private byte[] bytes = new byte[0];

    UserIdTable(int capacity, UserIdHash hash) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity < 0: " + capacity);
        }
        this.capacity = capacity;
        this.hash = hash;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size >= capacity;
    }

    /** The internal id of {@code user}, or {@link #ABSENT}. */
    long idOf(String user) {
        return size == 0 ? ABSENT : find(user, hash.of(user));
    }

    private long find(String user, int hashed) {
        int mask = slots.length - 1;
        for (int slot = hashed & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int entry = slots[slot] - 1;
            if (hashes[entry] == hashed && holds(entry, user)) {
                return ids[entry];
            }
        }
        return ABSENT;
    }

    /**
     * Adds {@code user} unless it is here already or the table is full.
     *
     * @return false if the table was full and {@code user} not in it
     */
    boolean add(String user, long id) {
        int hashed = hash.of(user);
        if (size > 0 && find(user, hashed) != ABSENT) {
            return true;
        }
        if (isFull()) {
            return false;
        }
        byte[] utf8 = user.getBytes(StandardCharsets.UTF_8);
        ensureRoom(utf8.length);
        int entry = size++;
        int start = entry == 0 ? 0 : ends[entry - 1];
        System.arraycopy(utf8, 0, bytes, start, utf8.length);
        ends[entry] = start + utf8.length;
        hashes[entry] = hashed;
        ids[entry] = id;
        place(entry);
        return true;
    }

    private boolean holds(int entry, String user) {
        int start = entry == 0 ? 0 : ends[entry - 1];
        int length = ends[entry] - start;
        int chars = user.length();
        if (chars > length) {
            return false;
        }
        for (int i = 0; i < chars; i++) {
            char c = user.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = user.getBytes(StandardCharsets.UTF_8);
                return Arrays.equals(utf8, 0, utf8.length, bytes, start, start + length);
            }
            if (bytes[start + i] != c) {
                return false;
            }
        }
        return chars == length;
    }

    private void ensureRoom(int moreBytes) {
        if (size == ids.length) {
            int entries = Math.min(capacity, Math.max(FIRST_ENTRIES, 2 * ids.length));
            hashes = Arrays.copyOf(hashes, entries);
            ids = Arrays.copyOf(ids, entries);
            ends = Arrays.copyOf(ends, entries);
            slots = new int[Integer.highestOneBit(2 * entries - 1) << 1];
            for (int entry = 0; entry < size; entry++) {
                place(entry);
            }
        }
        int used = size == 0 ? 0 : ends[size - 1];
        if (used + moreBytes > bytes.length) {
            long wanted = Math.max((long) used + moreBytes, 2L * bytes.length);
            bytes = Arrays.copyOf(bytes, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
    }

    private void place(int entry) {
        int mask = slots.length - 1;
        int slot = hashes[entry] & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = entry + 1;
    }
}
