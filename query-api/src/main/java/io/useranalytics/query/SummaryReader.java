package io.useranalytics.query;

import io.useranalytics.common.rollup.BucketSummary;
import java.time.Instant;
import java.util.Map;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Counts a range's distinct users, clicks and impressions from rollup buckets (through the cache)
 * and, for sub-second edges, raw events: the work is bounded by the number of buckets.
 */
final class SummaryReader {
    private final BucketCache buckets;
    private final RawEdges edges;

    SummaryReader(BucketCache buckets, RawEdges edges) {
        this.buckets = buckets;
        this.edges = edges;
    }

    HourSummary read(HourWindow window) {
        BucketSummary total = summarize(window.from(), window.endExclusive());
        return new HourSummary(
                window, total.users().getLongCardinality(), total.clicks(), total.impressions());
    }

    BucketSummary summarize(Instant from, Instant endExclusive) {
        WindowCover cover = WindowCover.of(from, endExclusive);
        Map<?, BucketSummary> found = buckets.get(cover.buckets());
        BucketSummary edgeSummary = edges.summarize(cover.edges());
        long clicks = edgeSummary.clicks();
        long impressions = edgeSummary.impressions();
        RoaringBitmap[] users = new RoaringBitmap[found.size() + 1];
        int i = 0;
        for (BucketSummary summary : found.values()) {
            clicks += summary.clicks();
            impressions += summary.impressions();
            users[i++] = summary.users();
        }
        users[i] = edgeSummary.users();
        return new BucketSummary(clicks, impressions, FastAggregation.or(users));
    }
}
