package io.useranalytics.ingest;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.HttpConfig;
import io.useranalytics.common.config.TimestampConfig;
import io.useranalytics.common.http.ApiKeys;
import io.useranalytics.common.kafka.KafkaConfig;
import io.useranalytics.record.UserIds;
import java.time.Duration;
import java.util.Objects;

/** Settings of ingest-api, read from the environment. */
public record IngestConfig(
        HttpConfig http,
        KafkaConfig kafka,
        Duration ackTimeout,
        TimestampConfig timestamps,
        Limits limits,
        ApiKeys apiKeys) {
    public static final int DEFAULT_PORT = 8081;

    public IngestConfig {
        Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(kafka, "kafka == null");
        Objects.requireNonNull(ackTimeout, "ackTimeout == null");
        Objects.requireNonNull(timestamps, "timestamps == null");
        Objects.requireNonNull(limits, "limits == null");
        Objects.requireNonNull(apiKeys, "apiKeys == null");
    }

    /** What one request or the whole service may take. */
    public record Limits(
            int maxBodyBytes, int maxBatchEvents, int maxUserLength, int maxInFlightEvents) {
        static Limits from(Env env) {
            return new Limits(
                    env.integer("INGEST_MAX_BODY_BYTES", 16 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                    env.integer("INGEST_MAX_BATCH_EVENTS", 10_000, 1, 1_000_000),
                    env.integer(
                            "INGEST_MAX_USER_LENGTH", UserIds.MAX_LENGTH, 1, UserIds.MAX_LENGTH),
                    env.integer("INGEST_MAX_IN_FLIGHT_EVENTS", 100_000, 1, 10_000_000));
        }
    }

    public static IngestConfig from(Env env) {
        return from(env, DEFAULT_PORT);
    }

    public static IngestConfig from(Env env, int defaultPort) {
        IngestConfig config =
                new IngestConfig(
                        HttpConfig.from(env, defaultPort),
                        KafkaConfig.from(env),
                        env.millis(
                                "INGEST_ACK_TIMEOUT_MS",
                                Duration.ofSeconds(5),
                                Duration.ofMillis(100),
                                Duration.ofMinutes(2)),
                        TimestampConfig.from(env),
                        Limits.from(env),
                        ApiKeys.from(env, "INGEST_API_KEYS"));
        env.requireValid();
        return config;
    }
}
