package io.useranalytics.writer;

import io.useranalytics.record.Event;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one write: the events to load, the rejects to dead-letter first, and for every
 * partition they came from the range of offsets they span.
 */
record Batch(
        List<Event> events,
        List<Decoded.Rejected> rejects,
        Map<TopicPartition, OffsetRange> offsets) {
    Batch {
        events = List.copyOf(events);
        rejects = List.copyOf(rejects);
        offsets = Map.copyOf(offsets);
    }

    /**
     * The rollup shard this batch adds to: its lowest partition. Writers in one group hold disjoint
     * partitions, so their batches never share a shard and never wait for each other's rollup rows.
     */
    short rollupShard() {
        return (short)
                offsets.keySet().stream().mapToInt(TopicPartition::partition).min().orElse(0);
    }

    /** The same offsets and rejects with other events: those left after dropping retries. */
    Batch withEvents(List<Event> kept) {
        return new Batch(kept, rejects, offsets);
    }

    /** The distinct user ids of the events. */
    Set<String> users() {
        Set<String> users = new HashSet<>(events.size() * 2);
        events.forEach(event -> users.add(event.user()));
        return users;
    }

    int size() {
        return events.size() + rejects.size();
    }
}
