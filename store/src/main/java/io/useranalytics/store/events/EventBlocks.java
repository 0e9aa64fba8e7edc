package io.useranalytics.store.events;

import io.useranalytics.record.EventKind;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Events as table {@code event_blocks} stores them: one row per second (per batch) holding the
 * second's events in three arrays: the millisecond within the second, the user's internal id and
 * the kind (its {@link EventKind} ordinal, which is the order of the database's {@code event_kind}
 * enum that view {@code events} maps it back to). A row costs the table's per-row overhead once per
 * second instead of once per event. Filled by one thread, then written as binary COPY rows in the
 * order of their seconds.
 */
public final class EventBlocks {
    /**
     * Blocks per batch when TimescaleDB compresses them (its default is 1,000 rows): reading one
     * second decompresses a whole batch. In bench scenario 8, 1,000 seconds of events made the
     * GET's p99 five times longer; at 10 million events an hour, a second's read took 4 to 5 ms
     * from batches of 100 blocks and 2 to 3 ms from batches of 10, which cost 1% more bytes.
     */
    public static final int PER_COMPRESSED_BATCH = 10;

    public static final String COPY =
            "COPY event_blocks (second, offsets, user_ids, kinds) FROM STDIN (FORMAT binary)";

    private final Map<Long, Block> bySecond = new HashMap<>();
    private long lastSecond = Long.MIN_VALUE;
    private Block last;
    private int events;

    /**
     * Adds an event.
     *
     * @throws IllegalArgumentException if {@code userId} does not fit the table's integer column
     */
    public void add(Instant time, long userId, EventKind kind) {
        if (userId < 0 || userId > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "user id " + userId + " is outside 0.." + Integer.MAX_VALUE);
        }
        long second = time.getEpochSecond();
        if (second != lastSecond) {
            last = bySecond.computeIfAbsent(second, s -> new Block());
            lastSecond = second;
        }
        last.add((short) (time.getNano() / 1_000_000), (int) userId, codeOf(kind));
        events++;
    }

    /**
     * How a kind is stored in column {@code kinds}: its ordinal, the order of the database's {@code
     * event_kind} enum. The one encoding; {@link EventBlockReader} reads blocks by it.
     */
    static short codeOf(EventKind kind) {
        return (short) kind.ordinal();
    }

    public int events() {
        return events;
    }

    /** Writes the rows to {@code target}, whole: header, one row per second, trailer. */
    public void writeCopy(OutputStream target) {
        BinaryCopyRows rows = new BinaryCopyRows(target);
        long[] seconds = bySecond.keySet().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(seconds);
        for (long second : seconds) {
            Block block = bySecond.get(second);
            rows.blockRow(second, block.offsets, block.userIds, block.kinds, block.size);
        }
        rows.end();
    }

    /** One second's events, in arrays that grow as events come. */
    private static final class Block {
        private short[] offsets = new short[8];
        private int[] userIds = new int[8];
        private short[] kinds = new short[8];
        private int size;

        void add(short offset, int userId, short kind) {
            if (size == offsets.length) {
                offsets = Arrays.copyOf(offsets, size * 2);
                userIds = Arrays.copyOf(userIds, size * 2);
                kinds = Arrays.copyOf(kinds, size * 2);
            }
            offsets[size] = offset;
            userIds[size] = userId;
            kinds[size] = kind;
            size++;
        }
    }
}
