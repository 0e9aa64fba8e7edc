package io.useranalytics.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * The distinct users of the last few days as days slide by, each day's bitmap OR-ed at most twice
 * however many windows hold it: a queue of two stacks. Days pushed since the last turn are held
 * with their running union; at a turn, the held days become unions of themselves and every later
 * held day, so the oldest window's union is one of those and the running union. A year of 30-day
 * windows costs about 730 unions, not 11,000. Used by one thread.
 */
final class SlidingUnion {
    private final ArrayDeque<RoaringBitmap> leaving = new ArrayDeque<>();
    private final List<RoaringBitmap> arrived = new ArrayList<>();
    private RoaringBitmap arrivedUnion = new RoaringBitmap();

    /** Adds the newest day; {@code day} is not changed. */
    void push(RoaringBitmap day) {
        arrived.add(day);
        arrivedUnion = RoaringBitmap.or(arrivedUnion, day);
    }

    /** Drops the oldest day held. */
    void pop() {
        if (leaving.isEmpty()) {
            turn();
        }
        leaving.removeFirst();
    }

    int size() {
        return leaving.size() + arrived.size();
    }

    /** How many distinct users the days held have. */
    long cardinality() {
        RoaringBitmap older = leaving.isEmpty() ? new RoaringBitmap() : leaving.peekFirst();
        return RoaringBitmap.orCardinality(older, arrivedUnion);
    }

    /** The days held so far become suffix unions: the first is the union of them all. */
    private void turn() {
        RoaringBitmap suffix = new RoaringBitmap();
        for (int i = arrived.size() - 1; i >= 0; i--) {
            suffix = RoaringBitmap.or(suffix, arrived.get(i));
            leaving.addFirst(suffix);
        }
        arrived.clear();
        arrivedUnion = new RoaringBitmap();
    }
}
