package io.useranalytics.common.rollup;

import io.useranalytics.common.event.EventKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * Collects what events add to each second, minute and hour bucket they fall in. No I/O. Mutable;
 * used by one thread.
 */
public final class RollupDeltas {
    private final Map<BucketKey, Counts> buckets = new HashMap<>();
    private long events;

    /** Adds one event by internal user id (a dense id below 2^31). */
    public void add(Instant time, long userId, EventKind kind) {
        if (userId < 0 || userId > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "user id " + userId + " does not fit a 32-bit bitmap");
        }
        for (Granularity granularity : Granularity.values()) {
            buckets.computeIfAbsent(BucketKey.holding(granularity, time), key -> new Counts())
                    .add((int) userId, kind);
        }
        events++;
    }

    public long events() {
        return events;
    }

    /** The summary each touched bucket gains; starts empty again. */
    public Map<BucketKey, BucketSummary> drain() {
        Map<BucketKey, BucketSummary> deltas = new HashMap<>(buckets.size() * 2);
        buckets.forEach((key, counts) -> deltas.put(key, counts.summary()));
        buckets.clear();
        events = 0;
        return deltas;
    }

    private static final class Counts {
        private long clicks;
        private long impressions;
        private final RoaringBitmap users = new RoaringBitmap();

        void add(int userId, EventKind kind) {
            if (kind == EventKind.CLICK) {
                clicks++;
            } else {
                impressions++;
            }
            users.add(userId);
        }

        BucketSummary summary() {
            return new BucketSummary(clicks, impressions, users);
        }
    }
}
