package io.useranalytics.common.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the schema with Flyway at start-up. The events table becomes a TimescaleDB
 * hypertable when the server offers the extension, else a plain table with a btree on time.
 * Concurrent callers are safe: Flyway serialises them with an advisory lock.
 */
public final class SchemaMigrations {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private final DataSource dataSource;
    private final String schema;

    public SchemaMigrations(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    public StorageMode migrate() {
        StorageMode mode = detectMode();
        MigrateResult result =
                Flyway.configure()
                        .dataSource(dataSource)
                        .schemas(schema)
                        .defaultSchema(schema)
                        .createSchemas(true)
                        .locations("classpath:db/migration/common", mode.migrationLocation())
                        .javaMigrations(new RollupBackfill())
                        .load()
                        .migrate();
        log.info(
                "schema {} at version {} ({} migrations applied); storage mode {}",
                schema,
                result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
                result.migrationsExecuted,
                mode);
        return mode;
    }

    /** TimescaleDB when the extension is installed or installable on this server. */
    public StorageMode detectMode() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
            return rows.next() ? StorageMode.TIMESCALE : StorageMode.PLAIN;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to detect TimescaleDB", e);
        }
    }
}
