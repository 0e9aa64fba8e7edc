package io.useranalytics.writer;

import io.useranalytics.store.StoreException;
import io.useranalytics.store.offsets.StoredOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each newly assigned partition starts reading: its stored offset when the log still holds
 * it, the log start when nothing is stored (stored then, so that the first batch advances a row),
 * and for a gap what {@link OffsetGaps} decides.
 */
final class PartitionStarts {
    private final PartitionOffsets offsets;
    private final TopicIds topicIds;
    private final OffsetGaps gaps;

    PartitionStarts(PartitionOffsets offsets, TopicIds topicIds, OffsetGaps gaps) {
        this.offsets = Objects.requireNonNull(offsets, "offsets == null");
        this.topicIds = Objects.requireNonNull(topicIds, "topicIds == null");
        this.gaps = Objects.requireNonNull(gaps, "gaps == null");
    }

    /**
     * The offsets to seek to; a partition that is absent waits on its gap.
     *
     * @param logStarts the first offset each partition's log holds now
     * @param logEnds the offset after the last record each partition's log holds now
     */
    Map<TopicPartition, Long> find(
            Collection<TopicPartition> partitions,
            Map<TopicPartition, Long> logStarts,
            Map<TopicPartition, Long> logEnds)
            throws StoreException {
        Map<TopicPartition, StoredOffset> stored = offsets.load(partitions);
        Map<String, String> ids = new HashMap<>();
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition partition : partitions) {
            String topicId = ids.computeIfAbsent(partition.topic(), this::idOf);
            StartingPoint point =
                    StartingPoint.of(
                            partition,
                            Optional.ofNullable(stored.get(partition)),
                            topicId,
                            logStarts.get(partition),
                            logEnds.get(partition));
            if (point instanceof StartingPoint.Resume resume) {
                if (!stored.containsKey(partition)) {
                    offsets.ensure(partition, resume.offset());
                }
                starts.put(partition, resume.offset());
            } else if (point instanceof StartingPoint.Gap gap) {
                gaps.handle(gap, topicId).ifPresent(offset -> starts.put(partition, offset));
            }
        }
        return starts;
    }

    private String idOf(String topic) {
        String id = topicIds.idOf(topic);
        offsets.remember(topic, id);
        return id;
    }

    /** Partitions this writer no longer owns. */
    void forget(Collection<TopicPartition> partitions) {
        gaps.forget(partitions);
    }

    boolean isWaiting(TopicPartition partition) {
        return gaps.isWaiting(partition);
    }
}
