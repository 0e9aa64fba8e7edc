package io.useranalytics.store.rollup;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/** One rollup bucket: its size and its start. */
public record BucketKey(Granularity granularity, Instant start) implements Comparable<BucketKey> {
    private static final Comparator<BucketKey> ORDER =
            Comparator.comparing(BucketKey::granularity).thenComparing(BucketKey::start);

    public BucketKey {
        Objects.requireNonNull(granularity, "granularity == null");
        Objects.requireNonNull(start, "start == null");
        if (!granularity.isAligned(start)) {
            throw new IllegalArgumentException(
                    start + " does not start a " + granularity + " bucket");
        }
    }

    public static BucketKey holding(Granularity granularity, Instant instant) {
        return new BucketKey(granularity, granularity.bucketOf(instant));
    }

    public Instant end() {
        return start.plus(granularity.size());
    }

    /** Granularity first, then time: the order in which writers lock rows, so none deadlock. */
    @Override
    public int compareTo(BucketKey other) {
        return ORDER.compare(this, other);
    }
}
