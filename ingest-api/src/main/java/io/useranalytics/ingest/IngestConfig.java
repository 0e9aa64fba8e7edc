package io.useranalytics.ingest;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.HttpConfig;
import io.useranalytics.common.config.KafkaConfig;
import io.useranalytics.common.config.TimestampConfig;
import java.time.Duration;
import java.util.Objects;

/** Settings of ingest-api, read from the environment. */
public record IngestConfig(
        HttpConfig http, KafkaConfig kafka, Duration ackTimeout, TimestampConfig timestamps) {
    public static final int DEFAULT_PORT = 8081;

    public IngestConfig {
        Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(kafka, "kafka == null");
        Objects.requireNonNull(ackTimeout, "ackTimeout == null");
        Objects.requireNonNull(timestamps, "timestamps == null");
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
                        TimestampConfig.from(env));
        env.requireValid();
        return config;
    }
}
