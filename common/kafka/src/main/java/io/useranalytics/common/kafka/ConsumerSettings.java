package io.useranalytics.common.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumer settings for a group that commits its own progress and reads only what producers
 * committed: no auto-commit, {@code read_committed}, the record's bytes as they are. Callers add
 * where to start when there is no position (the writer: nowhere, a gap is reported).
 */
public final class ConsumerSettings {
    private ConsumerSettings() {}

    public static Map<String, Object> committedByCaller(
            KafkaConnection connection, String clientId, String group) {
        Map<String, Object> settings = connection.settings(clientId);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return settings;
    }
}
