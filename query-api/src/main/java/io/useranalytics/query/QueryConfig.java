package io.useranalytics.query;

import io.useranalytics.common.config.DatabaseConfig;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.HttpConfig;
import java.time.Duration;
import java.util.Objects;

/** Settings of query-api, read from the environment. */
public record QueryConfig(
        HttpConfig http, DatabaseConfig database, Duration maxStaleness, int cacheMegabytes) {
    public static final int DEFAULT_PORT = 8082;

    public QueryConfig {
        Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(database, "database == null");
        Objects.requireNonNull(maxStaleness, "maxStaleness == null");
    }

    public static QueryConfig from(Env env) {
        return from(env, DEFAULT_PORT);
    }

    public static QueryConfig from(Env env, int defaultPort) {
        QueryConfig config =
                new QueryConfig(
                        HttpConfig.from(env, defaultPort),
                        DatabaseConfig.from(env, 8),
                        env.millis(
                                "QUERY_MAX_STALENESS_MS",
                                Duration.ofSeconds(1),
                                Duration.ZERO,
                                Duration.ofMinutes(10)),
                        env.integer("QUERY_CACHE_MAX_MB", 64, 1, 64 * 1024));
        env.requireValid();
        return config;
    }
}
