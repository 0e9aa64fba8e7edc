package io.useranalytics.writer;

import io.useranalytics.store.StoreException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which assigned partitions still need their position from the database, and seeking them there: a
 * partition waits, paused, until {@link PartitionStarts} has found where it starts; one whose
 * stored offset the log no longer holds stays paused while it waits on its gap. Mutable state; the
 * poll thread only.
 */
final class PartitionPositions {
    private static final Logger log = LoggerFactory.getLogger(PartitionPositions.class);

    private final Consumer<byte[], byte[]> consumer;
    private final PartitionStarts starts;
    private final BatchAccumulator accumulator;
    private final Set<TopicPartition> unpositioned = new HashSet<>();

    PartitionPositions(
            Consumer<byte[], byte[]> consumer,
            PartitionStarts starts,
            BatchAccumulator accumulator) {
        this.consumer = consumer;
        this.starts = starts;
        this.accumulator = accumulator;
    }

    /** Pauses {@code partitions} until they are sought to their stored offsets. */
    void awaitPosition(Collection<TopicPartition> partitions) {
        unpositioned.addAll(partitions);
        consumer.pause(partitions);
    }

    /** Every assigned partition starts again from its stored offset. */
    void awaitPositionForAll() {
        awaitPosition(consumer.assignment());
    }

    void forget(Collection<TopicPartition> partitions) {
        unpositioned.removeAll(partitions);
        starts.forget(partitions);
        accumulator.forget(partitions);
    }

    boolean areAllPositioned() {
        return unpositioned.isEmpty();
    }

    /**
     * Seeks the partitions awaiting a position to their stored offsets, or the start.
     *
     * @throws StoreException when the stored offsets cannot be read: retry later (as on a
     *     KafkaException when the log's bounds cannot be)
     */
    void position() throws StoreException {
        if (unpositioned.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(unpositioned);
        Map<TopicPartition, Long> found =
                starts.find(unpositioned, consumer.beginningOffsets(unpositioned), ends);
        for (TopicPartition partition : unpositioned) {
            // One waiting on its gap stays paused; a valid position keeps Kafka from resetting it.
            long offset = found.getOrDefault(partition, ends.get(partition));
            consumer.seek(partition, offset);
            accumulator.startAt(partition, offset);
        }
        log.debug("positioned {} at {}", unpositioned, found);
        unpositioned.clear();
    }

    /** Resumes every assigned partition that is positioned and not waiting on its gap. */
    void resumeReady() {
        Set<TopicPartition> ready = new HashSet<>(consumer.assignment());
        ready.removeAll(unpositioned);
        ready.removeIf(starts::isWaiting);
        consumer.resume(ready);
    }
}
