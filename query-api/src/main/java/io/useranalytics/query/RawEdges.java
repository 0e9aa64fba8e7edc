package io.useranalytics.query;

import io.useranalytics.common.http.ServiceUnavailableException;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.events.EventBlockReader;
import io.useranalytics.store.rollup.BucketSummary;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Counts the sub-second edges of a millisecond-precision window from the raw events ({@link
 * EventBlockReader}); a database that does not answer is a 503.
 */
final class RawEdges {
    private final EventBlockReader blocks;

    RawEdges(EventBlockReader blocks) {
        this.blocks = Objects.requireNonNull(blocks, "blocks == null");
    }

    BucketSummary summarize(List<WindowCover.Edge> edges) {
        try {
            return blocks.summarize(edges.stream().map(RawEdges::spanOf).toList());
        } catch (StoreException e) {
            throw new ServiceUnavailableException(
                    "the database did not answer; retry later", Duration.ofSeconds(1), e);
        }
    }

    private static EventBlockReader.Span spanOf(WindowCover.Edge edge) {
        return new EventBlockReader.Span(edge.from(), edge.endExclusive());
    }
}
