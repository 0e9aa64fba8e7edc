package io.useranalytics.store.offsets;

import java.util.Objects;

/**
 * A partition of a topic, as table {@code consumer_offsets} keys it. The store's own value, not
 * Kafka's {@code TopicPartition}: the store does not depend on Kafka. Reads as Kafka's does, e.g.
 * {@code analytics.events-2}.
 */
public record PartitionKey(String topic, int partition) {
    public PartitionKey {
        Objects.requireNonNull(topic, "topic == null");
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
