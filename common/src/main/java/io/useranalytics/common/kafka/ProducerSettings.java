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
    private ProducerSettings() {}

    public static Map<String, Object> durable(
            String bootstrapServers, String clientId, Duration deliveryTimeout) {
        long timeout = deliveryTimeout.toMillis();
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG,
                clientId,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                timeout,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.max(1, timeout - 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) timeout,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
    }
}
