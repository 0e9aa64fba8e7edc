package io.useranalytics.query;

import io.useranalytics.common.config.DatabaseConfig;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.HttpConfig;
import java.util.Objects;

/** Settings of query-api, read from the environment. */
public record QueryConfig(HttpConfig http, DatabaseConfig database) {
    public static final int DEFAULT_PORT = 8082;

    public QueryConfig {
        Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(database, "database == null");
    }

    public static QueryConfig from(Env env) {
        return from(env, DEFAULT_PORT);
    }

    public static QueryConfig from(Env env, int defaultPort) {
        QueryConfig config =
                new QueryConfig(HttpConfig.from(env, defaultPort), DatabaseConfig.from(env, 8));
        env.requireValid();
        return config;
    }
}
