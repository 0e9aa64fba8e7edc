package io.useranalytics.launcher;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.HttpConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the one-process launcher: where it listens, and where the embedded broker keeps its
 * data (EMBEDDED_KAFKA_DIR) and listens (EMBEDDED_KAFKA_PORT, EMBEDDED_KAFKA_CONTROLLER_PORT; 0
 * picks a free port). The services' own settings are read by their configs from the same Env.
 */
record LauncherConfig(HttpConfig http, Path kafkaDir, int kafkaPort, int kafkaControllerPort) {
    static final int DEFAULT_PORT = 8080;

    LauncherConfig {
        Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(kafkaDir, "kafkaDir == null");
    }

    static LauncherConfig from(Env env) {
        LauncherConfig config =
                new LauncherConfig(
                        HttpConfig.from(env, DEFAULT_PORT),
                        Path.of(env.string("EMBEDDED_KAFKA_DIR", ".data/kafka")),
                        env.port("EMBEDDED_KAFKA_PORT", 9092),
                        env.port("EMBEDDED_KAFKA_CONTROLLER_PORT", 9093));
        env.requireValid();
        return config;
    }
}
