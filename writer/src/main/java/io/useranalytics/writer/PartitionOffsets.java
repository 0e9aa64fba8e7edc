package io.useranalytics.writer;

import io.useranalytics.store.StoreException;
import io.useranalytics.store.offsets.Advance;
import io.useranalytics.store.offsets.OffsetRange;
import io.useranalytics.store.offsets.OffsetStore;
import io.useranalytics.store.offsets.PartitionKey;
import io.useranalytics.store.offsets.StoredOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The store's {@link OffsetStore} in the writer's terms: partitions as Kafka names them, and an
 * advance the store refuses as the exception the poll loop handles ({@link StaleBatchException},
 * {@link DatabaseRewoundException}). The store knows nothing of Kafka.
 */
final class PartitionOffsets {
    private final OffsetStore store;

    PartitionOffsets(OffsetStore store) {
        this.store = Objects.requireNonNull(store, "store == null");
    }

    /** The stored offsets of those partitions that have one. */
    Map<TopicPartition, StoredOffset> load(Collection<TopicPartition> partitions)
            throws StoreException {
        Set<PartitionKey> keys = new LinkedHashSet<>();
        partitions.forEach(partition -> keys.add(keyOf(partition)));
        Map<TopicPartition, StoredOffset> stored = new HashMap<>();
        store.load(keys).forEach((key, offset) -> stored.put(partitionOf(key), offset));
        return stored;
    }

    /** From now on, offsets of {@code topic} are stored as read from the topic with this id. */
    void remember(String topic, String topicId) {
        store.remember(topic, topicId);
    }

    /** See {@link OffsetStore#acceptGap}. */
    boolean acceptGap(TopicPartition partition, long expectedNext, long resumeAt, String topicId)
            throws StoreException {
        return store.acceptGap(keyOf(partition), expectedNext, resumeAt, topicId);
    }

    /** See {@link OffsetStore#ensure}. */
    void ensure(TopicPartition partition, long start) throws StoreException {
        store.ensure(keyOf(partition), start);
    }

    /** The batch's offset ranges as the store keys them, in the same order. */
    static Map<PartitionKey, OffsetRange> keyed(Map<TopicPartition, OffsetRange> ranges) {
        Map<PartitionKey, OffsetRange> keyed = new LinkedHashMap<>();
        ranges.forEach((partition, range) -> keyed.put(keyOf(partition), range));
        return keyed;
    }

    /**
     * The exception for an advance the store refused: {@link StaleBatchException} if a stored
     * offset is past the start of the batch (another writer, or an earlier attempt, committed it);
     * {@link DatabaseRewoundException} if it is behind the start, or gone (the database is not the
     * one the writer wrote to: a promoted standby, a restored backup; what it lost must be read
     * again).
     */
    static BatchWriteException failureOf(Advance refusal) {
        if (refusal instanceof Advance.Stale stale) {
            return new StaleBatchException(
                    "stored offset of "
                            + partitionOf(stale.partition())
                            + " is already past "
                            + stale.expected()
                            + "; the batch was committed before, or by another writer");
        }
        if (refusal instanceof Advance.Rewound rewound) {
            return new DatabaseRewoundException(
                    partitionOf(rewound.partition()), rewound.stored(), rewound.expected());
        }
        throw new IllegalArgumentException("not a refusal: " + refusal);
    }

    private static PartitionKey keyOf(TopicPartition partition) {
        return new PartitionKey(partition.topic(), partition.partition());
    }

    private static TopicPartition partitionOf(PartitionKey key) {
        return new TopicPartition(key.topic(), key.partition());
    }
}
