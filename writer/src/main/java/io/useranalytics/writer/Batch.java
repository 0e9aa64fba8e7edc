package io.useranalytics.writer;

import io.useranalytics.record.Event;
import io.useranalytics.store.offsets.OffsetRange;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one write: the valid events to load, the rejects to dead-letter first, and for
 * every partition they came from the range of offsets they span.
 */
record Batch(
        List<Decoded.Valid> valid,
        List<Decoded.Rejected> rejects,
        Map<TopicPartition, OffsetRange> offsets) {
    private static final Comparator<Decoded> IN_LOG_ORDER =
            Comparator.comparing((Decoded record) -> record.partition().topic())
                    .thenComparingInt(record -> record.partition().partition())
                    .thenComparingLong(Decoded::offset);

    Batch {
        valid = List.copyOf(valid);
        rejects = List.copyOf(rejects);
        offsets = Map.copyOf(offsets);
    }

    /** The valid records' events, in their order. */
    List<Event> events() {
        return new AbstractList<>() {
            @Override
            public Event get(int index) {
                return valid.get(index).event();
            }

            @Override
            public int size() {
                return valid.size();
            }
        };
    }

    /**
     * The rollup shard this batch adds to: its lowest partition. Writers in one group hold disjoint
     * partitions, so their batches never share a shard and never wait for each other's rollup rows.
     */
    short rollupShard() {
        return (short)
                offsets.keySet().stream().mapToInt(TopicPartition::partition).min().orElse(0);
    }

    /** The distinct user ids of the events. */
    Set<String> users() {
        Set<String> users = new HashSet<>(valid.size() * 2);
        valid.forEach(record -> users.add(record.event().user()));
        return users;
    }

    int size() {
        return valid.size() + rejects.size();
    }

    /** The same records with those of {@code refused} turned into rejects. */
    Batch refusing(List<Decoded.Rejected> refused) {
        Set<Decoded.Position> gone = new HashSet<>();
        refused.forEach(reject -> gone.add(reject.position()));
        List<Decoded.Valid> kept = new ArrayList<>(valid.size());
        for (Decoded.Valid record : valid) {
            if (!gone.contains(record.position())) {
                kept.add(record);
            }
        }
        List<Decoded.Rejected> allRejects = new ArrayList<>(rejects);
        allRejects.addAll(refused);
        return new Batch(kept, allRejects, offsets);
    }

    /**
     * This batch as two that hold its records in log order, the first about half of them: stored
     * one after the other they store what this one would, and each partition's offsets still
     * advance without a gap (the partition that straddles the cut ends the first half where its
     * first record in the second half starts).
     */
    List<Batch> halves() {
        if (size() < 2) {
            throw new IllegalStateException("a batch of " + size() + " records has no halves");
        }
        List<Decoded> all = new ArrayList<>(size());
        all.addAll(valid);
        all.addAll(rejects);
        all.sort(IN_LOG_ORDER);
        int cut = all.size() / 2;
        List<Decoded> first = all.subList(0, cut);
        List<Decoded> second = all.subList(cut, all.size());
        Decoded straddle = second.get(0);
        Set<TopicPartition> inFirst = new HashSet<>();
        first.forEach(record -> inFirst.add(record.partition()));
        Map<TopicPartition, OffsetRange> firstOffsets = new HashMap<>();
        Map<TopicPartition, OffsetRange> secondOffsets = new HashMap<>();
        offsets.forEach(
                (partition, range) -> {
                    if (!inFirst.contains(partition)) {
                        secondOffsets.put(partition, range);
                    } else if (!partition.equals(straddle.partition())) {
                        firstOffsets.put(partition, range);
                    } else {
                        firstOffsets.put(
                                partition, new OffsetRange(range.first(), straddle.offset()));
                        secondOffsets.put(
                                partition, new OffsetRange(straddle.offset(), range.next()));
                    }
                });
        return List.of(of(first, firstOffsets), of(second, secondOffsets));
    }

    private static Batch of(List<Decoded> records, Map<TopicPartition, OffsetRange> offsets) {
        List<Decoded.Valid> valid = new ArrayList<>();
        List<Decoded.Rejected> rejects = new ArrayList<>();
        for (Decoded record : records) {
            if (record instanceof Decoded.Valid event) {
                valid.add(event);
            } else if (record instanceof Decoded.Rejected reject) {
                rejects.add(reject);
            }
        }
        return new Batch(valid, rejects, offsets);
    }
}
