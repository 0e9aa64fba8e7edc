package io.useranalytics.writer;

import io.useranalytics.record.Event;
import io.useranalytics.store.offsets.OffsetRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Batches for tests: events read from one partition, one offset each from {@code first}. */
final class Batches {
    private Batches() {}

    /** The events at offsets {@code first, first + 1, ...}; the range ends at {@code next}. */
    static Batch of(List<Event> events, TopicPartition partition, long first, long next) {
        List<Decoded.Valid> valid = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            valid.add(new Decoded.Valid(events.get(i), partition, first + i));
        }
        return new Batch(valid, List.of(), Map.of(partition, new OffsetRange(first, next)));
    }

    static Batch of(List<Event> events, TopicPartition partition) {
        return of(events, partition, 0, Math.max(1, events.size()));
    }
}
