package io.useranalytics.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;

/** Opens the HikariCP pool every service uses, with the configured schema first on the path. */
public final class Database {
    private Database() {}

    /** A pool whose usage is metered in {@code registry} ({@code hikaricp_connections_*}). */
    public static HikariDataSource open(
            DatabaseConfig config, String poolName, MeterRegistry registry) {
        HikariConfig hikari = settings(config, poolName);
        hikari.setMetricRegistry(registry);
        return new HikariDataSource(hikari);
    }

    public static HikariDataSource open(DatabaseConfig config, String poolName) {
        return new HikariDataSource(settings(config, poolName));
    }

    private static HikariConfig settings(DatabaseConfig config, String poolName) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setJdbcUrl(config.url());
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        // Names the service in pg_stat_activity, for operators and the bench's lock sampling.
        hikari.addDataSourceProperty("ApplicationName", poolName);
        // public stays on the path: TimescaleDB's functions live there.
        hikari.addDataSourceProperty("currentSchema", config.schema() + ",public");
        // Our statements are short and many; PostgreSQL's JIT compiled the writer's user lookup
        // (a cost estimate of 570,000 for 68,000 index probes) in 50-70 ms each time it ran.
        hikari.setConnectionInitSql("SET jit = off");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(5_000);
        // Start even when the database is down; callers see errors and retry.
        hikari.setInitializationFailTimeout(-1);
        return hikari;
    }
}
