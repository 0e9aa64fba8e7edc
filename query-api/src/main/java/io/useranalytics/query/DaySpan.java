package io.useranalytics.query;

import io.useranalytics.store.rollup.BucketExtent;
import io.useranalytics.store.rollup.Granularity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

/**
 * The whole UTC days from a granularity's first stored bucket to its last: a bucket outside holds
 * no data. Whole days, so that the span moves once a day as data flows, not with every second.
 */
record DaySpan(Instant from, Instant until) {
    static Map<Granularity, DaySpan> of(Map<Granularity, BucketExtent> extents) {
        Map<Granularity, DaySpan> spans = new EnumMap<>(Granularity.class);
        extents.forEach(
                (granularity, extent) ->
                        spans.put(
                                granularity,
                                new DaySpan(
                                        extent.first().truncatedTo(ChronoUnit.DAYS),
                                        extent.last()
                                                .truncatedTo(ChronoUnit.DAYS)
                                                .plus(1, ChronoUnit.DAYS))));
        return spans;
    }

    boolean holds(Instant start) {
        return !start.isBefore(from) && start.isBefore(until);
    }
}
