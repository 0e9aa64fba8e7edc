package io.useranalytics.writer;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.HttpConfig;
import io.useranalytics.common.config.TimestampConfig;
import io.useranalytics.common.kafka.KafkaConfig;
import io.useranalytics.store.DatabaseConfig;
import io.useranalytics.writer.retention.RetentionConfig;
import java.time.Duration;
import java.util.Objects;

/** Settings of the writer, read from the environment, grouped by what they decide. */
public record WriterConfig(
        HttpConfig http,
        KafkaConfig kafka,
        DatabaseConfig database,
        GroupMembership membership,
        BatchLimits batches,
        TroubleSettings trouble,
        String deadLetterTopic,
        int knownUsers,
        Duration eventIdRetention,
        TimestampConfig timestamps,
        RetentionConfig retention) {
    /** The port of the writer's own /metrics and /health/live. */
    public static final int DEFAULT_PORT = 8083;

    public WriterConfig {
        Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(kafka, "kafka == null");
        Objects.requireNonNull(database, "database == null");
        Objects.requireNonNull(membership, "membership == null");
        Objects.requireNonNull(batches, "batches == null");
        Objects.requireNonNull(trouble, "trouble == null");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic == null");
        Objects.requireNonNull(eventIdRetention, "eventIdRetention == null");
        Objects.requireNonNull(timestamps, "timestamps == null");
        Objects.requireNonNull(retention, "retention == null");
    }

    public static WriterConfig from(Env env) {
        WriterConfig config =
                new WriterConfig(
                        HttpConfig.from(env, DEFAULT_PORT),
                        KafkaConfig.from(env),
                        // One connection each for the poll thread, the store thread and the
                        // housekeeping (the event id purge, readiness checks).
                        DatabaseConfig.migratingUnlessTold(env, 3),
                        GroupMembership.from(env),
                        BatchLimits.from(env),
                        TroubleSettings.from(env),
                        env.string("KAFKA_DLQ_TOPIC", "analytics.events.dlq"),
                        env.integer("WRITER_KNOWN_USERS", 2_000_000, 0, 100_000_000),
                        Duration.ofHours(
                                env.integer("WRITER_EVENT_ID_RETENTION_HOURS", 24, 1, 24 * 365)),
                        TimestampConfig.from(env),
                        RetentionConfig.from(env));
        env.requireValid();
        return config;
    }
}
