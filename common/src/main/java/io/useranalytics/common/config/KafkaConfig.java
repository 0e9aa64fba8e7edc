package io.useranalytics.common.config;

import java.util.Objects;

/** The broker and the event topic: KAFKA_BOOTSTRAP_SERVERS, KAFKA_TOPIC, KAFKA_TOPIC_PARTITIONS. */
public record KafkaConfig(String bootstrapServers, String topic, int topicPartitions) {
    public KafkaConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers == null");
        Objects.requireNonNull(topic, "topic == null");
    }

    public static KafkaConfig from(Env env) {
        return new KafkaConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env.string("KAFKA_TOPIC", "analytics.events"),
                env.integer("KAFKA_TOPIC_PARTITIONS", 6, 1, 10_000));
    }
}
