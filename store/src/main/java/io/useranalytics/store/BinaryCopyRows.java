package io.useranalytics.store;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Encodes rows of (time, user_id bigint, kind) in PostgreSQL's binary COPY format: no text to
 * format here or to parse in the server. The kind travels as an enum label or a smallint. Writes to
 * a stream, so rows can go to the server as they are encoded instead of piling up in memory.
 */
public final class BinaryCopyRows {
    private static final long POSTGRES_EPOCH_MICROS =
            Instant.parse("2000-01-01T00:00:00Z").toEpochMilli() * 1000;

    private final DataOutputStream out;

    /** Writes the header to {@code target} (buffered: see {@link #end}). */
    public BinaryCopyRows(OutputStream target) {
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

    /** A row (time, user_id, kind) of table events: an enum travels as its label. */
    public void eventRow(long epochMillis, long userId, String kindLabel) {
        byte[] label = kindLabel.getBytes(StandardCharsets.UTF_8);
        try {
            out.writeShort(3);
            out.writeInt(8);
            out.writeLong(epochMillis * 1000 - POSTGRES_EPOCH_MICROS);
            out.writeInt(8);
            out.writeLong(userId);
            out.writeInt(label.length);
            out.write(label);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void row(long epochMillis, long userId, short kind) {
        try {
            out.writeShort(3);
            out.writeInt(8);
            out.writeLong(epochMillis * 1000 - POSTGRES_EPOCH_MICROS);
            out.writeInt(8);
            out.writeLong(userId);
            out.writeInt(2);
            out.writeShort(kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the trailer and flushes to the target; does not close the target. */
    public void end() {
        try {
            out.writeShort(-1);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
