package io.useranalytics.query;

import io.useranalytics.store.rollup.BucketKey;
import io.useranalytics.store.rollup.Granularity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A time range {@code [from, endExclusive)} covered by the fewest aligned rollup buckets (UTC days,
 * then hours, minutes, seconds), plus the sub-second edges no bucket fits, which are read from the
 * raw events. For an hour that is at most 2 x 59 minute and 2 x 59 second buckets and 2 edges; a
 * range of days adds at most 2 x 23 hour buckets.
 */
record WindowCover(List<BucketKey> buckets, List<Edge> edges) {
    /** A sub-second stretch {@code [from, endExclusive)} counted from raw events. */
    record Edge(Instant from, Instant endExclusive) {}

    WindowCover {
        buckets = List.copyOf(buckets);
        edges = List.copyOf(edges);
    }

    static WindowCover of(Instant from, Instant endExclusive) {
        Objects.requireNonNull(from, "from == null");
        Objects.requireNonNull(endExclusive, "endExclusive == null");
        List<BucketKey> buckets = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Instant cursor = from;
        Instant firstWholeSecond = ceilToSecond(from);
        if (cursor.isBefore(firstWholeSecond)) {
            Instant edgeEnd =
                    firstWholeSecond.isBefore(endExclusive) ? firstWholeSecond : endExclusive;
            edges.add(new Edge(cursor, edgeEnd));
            cursor = edgeEnd;
        }
        Instant lastWholeSecond = Granularity.SECOND.bucketOf(endExclusive);
        while (cursor.isBefore(lastWholeSecond)) {
            BucketKey bucket = largestAlignedBucket(cursor, lastWholeSecond);
            buckets.add(bucket);
            cursor = bucket.end();
        }
        if (cursor.isBefore(endExclusive)) {
            edges.add(new Edge(cursor, endExclusive));
        }
        return new WindowCover(buckets, edges);
    }

    private static final Granularity[] COARSEST_FIRST = {
        Granularity.DAY, Granularity.HOUR, Granularity.MINUTE
    };

    private static BucketKey largestAlignedBucket(Instant start, Instant limit) {
        for (Granularity granularity : COARSEST_FIRST) {
            if (granularity.isAligned(start) && !start.plus(granularity.size()).isAfter(limit)) {
                return new BucketKey(granularity, start);
            }
        }
        return new BucketKey(Granularity.SECOND, start);
    }

    private static Instant ceilToSecond(Instant instant) {
        Instant floor = Granularity.SECOND.bucketOf(instant);
        return floor.equals(instant) ? instant : floor.plusSeconds(1);
    }
}
