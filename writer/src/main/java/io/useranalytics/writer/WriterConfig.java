package io.useranalytics.writer;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.HttpConfig;
import io.useranalytics.common.config.TimestampConfig;
import io.useranalytics.common.kafka.KafkaConfig;
import io.useranalytics.store.DatabaseConfig;
import io.useranalytics.writer.retention.RetentionConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Settings of the writer, read from the environment. */
public record WriterConfig(
        HttpConfig http,
        KafkaConfig kafka,
        DatabaseConfig database,
        String consumerGroup,
        Optional<String> instanceId,
        Duration sessionTimeout,
        String deadLetterTopic,
        int batchMaxEvents,
        Duration batchMaxAge,
        Duration retryMaxDelay,
        Duration stallAfter,
        Duration eventIdRetention,
        int knownUsers,
        OffsetGapPolicy offsetGap,
        TimestampConfig timestamps,
        RetentionConfig retention) {
    /** The port of the writer's own /metrics and /health/live. */
    public static final int DEFAULT_PORT = 8083;

    public WriterConfig {
        Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(kafka, "kafka == null");
        Objects.requireNonNull(database, "database == null");
        Objects.requireNonNull(consumerGroup, "consumerGroup == null");
        Objects.requireNonNull(instanceId, "instanceId == null");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout == null");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic == null");
        Objects.requireNonNull(batchMaxAge, "batchMaxAge == null");
        Objects.requireNonNull(retryMaxDelay, "retryMaxDelay == null");
        Objects.requireNonNull(stallAfter, "stallAfter == null");
        Objects.requireNonNull(eventIdRetention, "eventIdRetention == null");
        Objects.requireNonNull(offsetGap, "offsetGap == null");
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
                        env.string("WRITER_GROUP_ID", "user-analytics-writer"),
                        Optional.of(env.string("WRITER_INSTANCE_ID", ""))
                                .filter(id -> !id.isEmpty()),
                        env.millis(
                                "WRITER_SESSION_TIMEOUT_MS",
                                Duration.ofSeconds(10),
                                Duration.ofSeconds(6),
                                Duration.ofMinutes(5)),
                        env.string("KAFKA_DLQ_TOPIC", "analytics.events.dlq"),
                        env.integer("WRITER_BATCH_MAX_EVENTS", 100_000, 1, 100_000),
                        env.millis(
                                "WRITER_BATCH_MAX_AGE_MS",
                                Duration.ofMillis(200),
                                Duration.ofMillis(1),
                                Duration.ofMinutes(1)),
                        env.millis(
                                "WRITER_RETRY_MAX_MS",
                                Duration.ofSeconds(30),
                                Duration.ofMillis(100),
                                Duration.ofMinutes(10)),
                        Duration.ofSeconds(env.integer("WRITER_STALL_SECONDS", 60, 1, 86_400)),
                        Duration.ofHours(
                                env.integer("WRITER_EVENT_ID_RETENTION_HOURS", 24, 1, 24 * 365)),
                        env.integer("WRITER_KNOWN_USERS", 2_000_000, 0, 100_000_000),
                        OffsetGapPolicy.from(env),
                        TimestampConfig.from(env),
                        RetentionConfig.from(env));
        env.requireValid();
        return config;
    }
}
