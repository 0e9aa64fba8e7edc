package io.useranalytics.common.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.useranalytics.common.config.DatabaseConfig;

/** Opens the HikariCP pool every service uses, with the configured schema first on the path. */
public final class Database {
    private Database() {}

    public static HikariDataSource open(DatabaseConfig config, String poolName) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setJdbcUrl(config.url());
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        // public stays on the path: TimescaleDB's functions live there.
        hikari.addDataSourceProperty("currentSchema", config.schema() + ",public");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(5_000);
        // Start even when the database is down; callers see errors and retry.
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }
}
