package io.useranalytics.writer;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Kafka records as the writer receives them, for tests. */
final class Records {
    private Records() {}

    static ConsumerRecord<byte[], byte[]> record(int partition, long offset, String value) {
        return new ConsumerRecord<>(
                "analytics.events",
                partition,
                offset,
                "key".getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static String click(String user, long epochMillis) {
        return "{\"timestamp\":" + epochMillis + ",\"user\":\"" + user + "\",\"event\":\"click\"}";
    }
}
