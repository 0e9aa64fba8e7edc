package io.useranalytics.common.kafka;

import io.useranalytics.common.config.Env;
import java.util.Objects;

/**
 * The broker and the event topic: KAFKA_BOOTSTRAP_SERVERS, the security settings of {@link
 * KafkaSecurity}, KAFKA_TOPIC, KAFKA_TOPIC_PARTITIONS and KAFKA_TOPIC_REPLICATION_FACTOR (for the
 * topics a service creates; unset, the broker's default). Its {@code toString} masks every secret.
 */
public record KafkaConfig(
        KafkaConnection connection, String topic, int topicPartitions, short replicationFactor) {
    /** What Kafka takes for "the broker's default.replication.factor". */
    public static final short BROKER_DEFAULT = -1;

    public KafkaConfig {
        Objects.requireNonNull(connection, "connection == null");
        Objects.requireNonNull(topic, "topic == null");
    }

    public static KafkaConfig from(Env env) {
        return new KafkaConfig(
                new KafkaConnection(
                        env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                        KafkaSecurity.from(env)),
                env.string("KAFKA_TOPIC", "analytics.events"),
                env.integer("KAFKA_TOPIC_PARTITIONS", 6, 1, 10_000),
                env.isSet("KAFKA_TOPIC_REPLICATION_FACTOR")
                        ? (short) env.integer("KAFKA_TOPIC_REPLICATION_FACTOR", 3, 1, 32_767)
                        : BROKER_DEFAULT);
    }

    public String bootstrapServers() {
        return connection.bootstrapServers();
    }

    @Override
    public String toString() {
        return "KafkaConfig[bootstrapServers="
                + connection.bootstrapServers()
                + ", security="
                + connection.security()
                + ", topic="
                + topic
                + ", topicPartitions="
                + topicPartitions
                + ", replicationFactor="
                + (replicationFactor == BROKER_DEFAULT ? "broker default" : replicationFactor)
                + "]";
    }
}
