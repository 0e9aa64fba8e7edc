package io.useranalytics.store;

import io.useranalytics.common.config.Env;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The PostgreSQL/TimescaleDB database: DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD (a secret),
 * DATABASE_SCHEMA (created if missing), DATABASE_POOL_SIZE, DATABASE_STORAGE_MODE and
 * DATABASE_MIGRATE (whether this service migrates the schema, or only checks it is current).
 */
public record DatabaseConfig(
        String url,
        String user,
        String password,
        String schema,
        int poolSize,
        StorageChoice storage,
        boolean migrate) {
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public DatabaseConfig {
        Objects.requireNonNull(url, "url == null");
        Objects.requireNonNull(user, "user == null");
        Objects.requireNonNull(password, "password == null");
        Objects.requireNonNull(schema, "schema == null");
        Objects.requireNonNull(storage, "storage == null");
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "schema '" + schema + "' is not a plain lower-case name");
        }
    }

    /** The writer's: it migrates the schema unless DATABASE_MIGRATE=false. */
    public static DatabaseConfig migratingUnlessTold(Env env, int defaultPoolSize) {
        return from(env, defaultPoolSize, true);
    }

    /**
     * query-api's: it can run with a read-only role, so it only checks the schema is current unless
     * DATABASE_MIGRATE=true.
     */
    public static DatabaseConfig checkingUnlessTold(Env env, int defaultPoolSize) {
        return from(env, defaultPoolSize, false);
    }

    private static DatabaseConfig from(Env env, int defaultPoolSize, boolean migrateByDefault) {
        String schema =
                env.matching(
                        "DATABASE_SCHEMA",
                        "user_analytics",
                        SCHEMA_NAME,
                        "a lower-case SQL name (letters, digits, _)");
        return new DatabaseConfig(
                env.string("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                env.string("DATABASE_USER", "postgres"),
                env.string("DATABASE_PASSWORD", ""),
                schema,
                env.integer("DATABASE_POOL_SIZE", defaultPoolSize, 1, 200),
                StorageChoice.from(env),
                Boolean.parseBoolean(
                        env.matching(
                                "DATABASE_MIGRATE",
                                Boolean.toString(migrateByDefault),
                                Pattern.compile("true|false"),
                                "true or false")));
    }

    /** The same settings for the database at {@code otherUrl}, e.g. a standby to read from. */
    public DatabaseConfig withUrl(String otherUrl) {
        return new DatabaseConfig(otherUrl, user, password, schema, poolSize, storage, migrate);
    }

    /** For logs: the password never appears. */
    @Override
    public String toString() {
        return "DatabaseConfig[url="
                + url
                + ", user="
                + user
                + ", password="
                + (password.isEmpty() ? "(none)" : "****")
                + ", schema="
                + schema
                + ", poolSize="
                + poolSize
                + ", storage="
                + storage.settingValue()
                + ", migrate="
                + migrate
                + "]";
    }
}
