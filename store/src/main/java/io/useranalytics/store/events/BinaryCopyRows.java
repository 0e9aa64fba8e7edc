package io.useranalytics.store.events;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Encodes rows in PostgreSQL's binary COPY format: no text to format here or to parse in the
 * server. Writes to a stream, so rows can go to the server as they are encoded instead of piling up
 * in memory.
 */
final class BinaryCopyRows {
    private static final long POSTGRES_EPOCH_MICROS =
            Instant.parse("2000-01-01T00:00:00Z").toEpochMilli() * 1000;

    private static final int SMALLINT = 21;
    private static final int INTEGER = 23;
    private static final int ARRAY_HEADER_BYTES = 20;

    private final DataOutputStream out;

    /** Writes the header to {@code target} (buffered: see {@link #end}). */
    BinaryCopyRows(OutputStream target) {
        out = new DataOutputStream(new BufferedOutputStream(target, 1 << 16));
        try {
            out.writeBytes("PGCOPY\n");
            out.write(new byte[] {(byte) 0xFF, '\r', '\n', 0});
            out.writeInt(0);
            out.writeInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A row (second, offsets, user_ids, kinds) of table event_blocks: the first {@code count}
     * entries of each array, as arrays of smallint, integer and smallint.
     */
    void blockRow(long epochSecond, short[] offsets, int[] userIds, short[] kinds, int count) {
        try {
            out.writeShort(4);
            out.writeInt(8);
            out.writeLong(epochSecond * 1_000_000 - POSTGRES_EPOCH_MICROS);
            arrayHeader(count, 2, SMALLINT);
            for (int i = 0; i < count; i++) {
                out.writeInt(2);
                out.writeShort(offsets[i]);
            }
            arrayHeader(count, 4, INTEGER);
            for (int i = 0; i < count; i++) {
                out.writeInt(4);
                out.writeInt(userIds[i]);
            }
            arrayHeader(count, 2, SMALLINT);
            for (int i = 0; i < count; i++) {
                out.writeInt(2);
                out.writeShort(kinds[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-dimensional array without nulls of {@code count} elements of {@code size} bytes. */
    private void arrayHeader(int count, int size, int elementType) throws IOException {
        out.writeInt(ARRAY_HEADER_BYTES + count * (4 + size));
        out.writeInt(1);
        out.writeInt(0);
        out.writeInt(elementType);
        out.writeInt(count);
        out.writeInt(1);
    }

    /** Writes the trailer and flushes to the target; does not close the target. */
    void end() {
        try {
            out.writeShort(-1);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
