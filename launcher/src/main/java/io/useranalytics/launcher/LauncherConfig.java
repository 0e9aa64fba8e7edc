package io.useranalytics.launcher;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.HttpConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the one-process launcher: where it listens, where the embedded broker keeps its data
 * (EMBEDDED_KAFKA_DIR) and listens (EMBEDDED_KAFKA_PORT, EMBEDDED_KAFKA_CONTROLLER_PORT; 0 picks a
 * free port), and, when DATABASE_URL is unset, where the embedded PostgreSQL keeps its data
 * (EMBEDDED_POSTGRES_DIR) and listens (EMBEDDED_POSTGRES_PORT). The services' own settings are read
 * by their configs from the same Env.
 */
public record LauncherConfig(
        HttpConfig http,
        Path kafkaDir,
        int kafkaPort,
        int kafkaControllerPort,
        Optional<LocalDatabase> embeddedPostgres) {
    static final int DEFAULT_PORT = 8080;

    /** The embedded PostgreSQL's data directory and port (0 picks a free one). */
    public record LocalDatabase(Path dir, int port) {
        public LocalDatabase {
            Objects.requireNonNull(dir, "dir == null");
        }
    }

    public LauncherConfig {
        Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(kafkaDir, "kafkaDir == null");
        Objects.requireNonNull(embeddedPostgres, "embeddedPostgres == null");
    }

    public static LauncherConfig from(Env env) {
        Path postgresDir = Path.of(env.string("EMBEDDED_POSTGRES_DIR", ".data/postgres"));
        int postgresPort = env.port("EMBEDDED_POSTGRES_PORT", 0);
        boolean databaseGiven = !env.string("DATABASE_URL", "").isEmpty();
        LauncherConfig config =
                new LauncherConfig(
                        HttpConfig.from(env, DEFAULT_PORT),
                        Path.of(env.string("EMBEDDED_KAFKA_DIR", ".data/kafka")),
                        env.port("EMBEDDED_KAFKA_PORT", 9092),
                        env.port("EMBEDDED_KAFKA_CONTROLLER_PORT", 9093),
                        databaseGiven
                                ? Optional.empty()
                                : Optional.of(new LocalDatabase(postgresDir, postgresPort)));
        env.requireValid();
        return config;
    }
}
