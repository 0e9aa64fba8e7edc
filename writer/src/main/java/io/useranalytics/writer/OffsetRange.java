package io.useranalytics.writer;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The offsets of one partition's records in a batch: the first, and the next after the last. */
record OffsetRange(long first, long next) {
    OffsetRange {
        if (first < 0 || next <= first) {
            throw new IllegalArgumentException("need 0 <= first < next: " + first + ", " + next);
        }
    }

    OffsetRange including(long offset) {
        return new OffsetRange(Math.min(first, offset), Math.max(next, offset + 1));
    }

    /** What to commit to Kafka once {@code ranges} are stored: the next offset of each. */
    static Map<TopicPartition, OffsetAndMetadata> asCommit(
            Map<TopicPartition, OffsetRange> ranges) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        ranges.forEach(
                (partition, range) -> commit.put(partition, new OffsetAndMetadata(range.next())));
        return commit;
    }
}
