package io.useranalytics.query;

import io.useranalytics.store.rollup.BucketSummary;
import io.useranalytics.store.rollup.Granularity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Counts a range's distinct users, clicks and impressions from rollup buckets (through the cache)
 * and, for sub-second edges, raw events: the work is bounded by the number of buckets. Answers made
 * of buckets alone are kept until a cached bucket changes, so the many requests for the current
 * hour share one union of bitmaps. Thread-safe.
 */
final class SummaryReader {
    private static final int MAX_ANSWERS = 1_024;

    /** An answer, and the cache version it was computed at. */
    private record Answer(long version, BucketSummary summary) {}

    /** A range asked for. */
    private record Range(Instant from, Instant endExclusive) {}

    private final BucketCache buckets;
    private final RawEdges edges;
    private final RetentionHorizonCheck retention;
    private final Map<Range, Answer> answers =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Range, Answer> eldest) {
                    return size() > MAX_ANSWERS;
                }
            };

    SummaryReader(BucketCache buckets, RawEdges edges, RetentionHorizonCheck retention) {
        this.buckets = buckets;
        this.edges = edges;
        this.retention = retention;
    }

    Summary read(SummaryWindow window) {
        BucketSummary total = summarize(window.from(), window.endExclusive());
        return new Summary(
                window, total.users().getLongCardinality(), total.clicks(), total.impressions());
    }

    /** One row per step of the request, each counting its whole step. */
    List<SeriesRow> series(SeriesRequest request) {
        List<SeriesRow> rows = new ArrayList<>();
        List<Instant> bounds = request.bounds();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            Instant start = bounds.get(i);
            BucketSummary bucket = summarize(start, bounds.get(i + 1));
            rows.add(
                    new SeriesRow(
                            start.atZone(request.zone()).toOffsetDateTime(),
                            bucket.users().getLongCardinality(),
                            bucket.clicks(),
                            bucket.impressions()));
        }
        return rows;
    }

    BucketSummary summarize(Instant from, Instant endExclusive) {
        WindowCover cover = WindowCover.of(from, endExclusive);
        retention.requireKept(cover);
        if (!cover.edges().isEmpty()) {
            return withEdges(from, endExclusive, cover);
        }
        Range range = new Range(from, endExclusive);
        long version = buckets.freshVersion();
        synchronized (answers) {
            Answer known = answers.get(range);
            if (known != null && known.version() == version) {
                return known.summary();
            }
        }
        BucketSummary computed = compute(cover);
        synchronized (answers) {
            answers.put(range, new Answer(version, computed));
        }
        return computed;
    }

    /**
     * A window with sub-second edges is never kept as an answer (its edges are read anew each
     * time), but its whole minutes are: a trailing-hour dashboard asks for the same whole minutes
     * all minute long, and their union is most of the work (at 10 million events an hour, 57 minute
     * bitmaps of 160,000 users each).
     */
    private BucketSummary withEdges(Instant from, Instant endExclusive, WindowCover cover) {
        Instant wholeFrom = Granularity.MINUTE.bucketOf(from);
        if (wholeFrom.isBefore(from)) {
            wholeFrom = wholeFrom.plus(Granularity.MINUTE.size());
        }
        Instant wholeEnd = Granularity.MINUTE.bucketOf(endExclusive);
        if (!wholeFrom.isBefore(wholeEnd)) {
            return compute(cover);
        }
        return union(
                List.of(
                        compute(WindowCover.of(from, wholeFrom)),
                        summarize(wholeFrom, wholeEnd),
                        compute(WindowCover.of(wholeEnd, endExclusive))));
    }

    private BucketSummary compute(WindowCover cover) {
        List<BucketSummary> parts = new ArrayList<>(buckets.get(cover.buckets()).values());
        parts.add(edges.summarize(cover.edges()));
        return union(parts);
    }

    private static BucketSummary union(List<BucketSummary> parts) {
        long clicks = 0;
        long impressions = 0;
        RoaringBitmap[] users = new RoaringBitmap[parts.size()];
        for (int i = 0; i < users.length; i++) {
            clicks += parts.get(i).clicks();
            impressions += parts.get(i).impressions();
            users[i] = parts.get(i).users();
        }
        return new BucketSummary(clicks, impressions, FastAggregation.or(users));
    }
}
