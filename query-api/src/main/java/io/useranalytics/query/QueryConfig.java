package io.useranalytics.query;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.HttpConfig;
import io.useranalytics.common.http.ApiKeys;
import io.useranalytics.store.DatabaseConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Settings of query-api, read from the environment. */
public record QueryConfig(
        HttpConfig http,
        DatabaseConfig database,
        Duration maxStaleness,
        Duration maxReplayLag,
        int cacheMegabytes,
        ApiKeys apiKeys,
        List<String> corsOrigins) {
    public static final int DEFAULT_PORT = 8082;
    private static final Pattern ORIGINS =
            Pattern.compile("\\*|(https?://[^/,\\s]+)(\\s*,\\s*https?://[^/,\\s]+)*");

    public QueryConfig {
        Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(database, "database == null");
        Objects.requireNonNull(maxStaleness, "maxStaleness == null");
        Objects.requireNonNull(maxReplayLag, "maxReplayLag == null");
        Objects.requireNonNull(apiKeys, "apiKeys == null");
        corsOrigins = List.copyOf(corsOrigins);
    }

    public static QueryConfig from(Env env) {
        return from(env, DEFAULT_PORT);
    }

    public static QueryConfig from(Env env, int defaultPort) {
        DatabaseConfig database = DatabaseConfig.checkingUnlessTold(env, 8);
        QueryConfig config =
                new QueryConfig(
                        HttpConfig.from(env, defaultPort),
                        database.withUrl(env.string("QUERY_DATABASE_URL", database.url())),
                        env.millis(
                                "QUERY_MAX_STALENESS_MS",
                                Duration.ofSeconds(1),
                                Duration.ZERO,
                                Duration.ofMinutes(10)),
                        env.millis(
                                "QUERY_MAX_REPLAY_LAG_MS",
                                Duration.ofSeconds(30),
                                Duration.ofMillis(100),
                                Duration.ofDays(1)),
                        env.integer("QUERY_CACHE_MAX_MB", 64, 1, 64 * 1024),
                        ApiKeys.from(env, "QUERY_API_KEYS"),
                        corsOrigins(env));
        env.requireValid();
        return config;
    }

    private static List<String> corsOrigins(Env env) {
        String origins =
                env.matching(
                        "QUERY_CORS_ORIGINS",
                        "",
                        Pattern.compile("|" + ORIGINS.pattern()),
                        "* or a comma-separated list of origins such as https://dash.example.com");
        return Arrays.stream(origins.split(","))
                .map(String::trim)
                .filter(o -> !o.isEmpty())
                .toList();
    }
}
