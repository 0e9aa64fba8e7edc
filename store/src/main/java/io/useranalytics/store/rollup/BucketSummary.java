package io.useranalytics.store.rollup;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.roaringbitmap.RoaringBitmap;

/**
 * What a bucket holds: its clicks, its impressions, and the set of internal ids of the users who
 * did them, as a Roaring bitmap. Treated as immutable: {@link #plus} returns a new summary.
 */
public record BucketSummary(long clicks, long impressions, RoaringBitmap users) {
    private static final BucketSummary EMPTY = new BucketSummary(0, 0, new RoaringBitmap());

    public BucketSummary {
        Objects.requireNonNull(users, "users == null");
        if (clicks < 0 || impressions < 0) {
            throw new IllegalArgumentException("negative counts: " + clicks + ", " + impressions);
        }
    }

    public static BucketSummary empty() {
        return EMPTY;
    }

    public BucketSummary plus(BucketSummary other) {
        return new BucketSummary(
                clicks + other.clicks,
                impressions + other.impressions,
                RoaringBitmap.or(users, other.users));
    }

    /** The portable Roaring serialization, run-length optimised. */
    public byte[] usersAsBytes() {
        RoaringBitmap copy = users.clone();
        copy.runOptimize();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(copy.serializedSizeInBytes());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            copy.serialize(out);
        } catch (IOException e) {
            throw new UncheckedIOException("serializing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    public static RoaringBitmap usersFromBytes(byte[] bytes) {
        RoaringBitmap users = new RoaringBitmap();
        try {
            users.deserialize(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt user bitmap of " + bytes.length + " bytes", e);
        }
        return users;
    }

    /** Heap bytes this summary takes, roughly: for bounding caches. */
    public long sizeInBytes() {
        return 64 + users.getLongSizeInBytes();
    }
}
