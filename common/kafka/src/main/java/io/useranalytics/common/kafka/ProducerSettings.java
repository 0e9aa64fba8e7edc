package io.useranalytics.common.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Producer settings for records that must not be lost: every in-sync replica acknowledges, the
 * idempotent producer keeps retries from writing twice, and a send gives up after {@code
 * deliveryTimeout} instead of blocking a caller for ever.
 */
public final class ProducerSettings {
    /**
     * How long a record waits for others to share its produce request. Every POST waits for its
     * record's ack, so this is added to each answer; 0 sends so many small requests that the CPU
     * they cost lowers throughput, and 2 ms or more holds every answer back. Bench scenario 1 is
     * where to measure a change.
     */
    public static final int LINGER_MS = 1;

    private ProducerSettings() {}

    public static Map<String, Object> durable(
            KafkaConnection connection, String clientId, Duration deliveryTimeout) {
        long timeout = deliveryTimeout.toMillis();
        Map<String, Object> settings = connection.settings(clientId);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeout - 2));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return settings;
    }
}
