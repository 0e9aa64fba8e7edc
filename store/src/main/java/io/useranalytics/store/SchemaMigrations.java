package io.useranalytics.store;

import io.useranalytics.common.config.InvalidConfigException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the schema with Flyway at start-up. The events table becomes a TimescaleDB
 * hypertable or a plain table with a btree on time, as {@link StorageModeRule} decides from
 * DATABASE_STORAGE_MODE, what the server offers and how the schema was migrated before. Concurrent
 * callers are safe: Flyway serialises them with an advisory lock.
 */
public final class SchemaMigrations {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private static final String OFFER =
            "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'),"
                    + " EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'),"
                    // Defined by TimescaleDB's loader, which is there only when preloaded.
                    + " EXISTS (SELECT 1 FROM pg_settings"
                    + " WHERE name = 'timescaledb.bgw_launcher_poll_time')";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String SECOND_MIGRATION =
            "SELECT description FROM %s.flyway_schema_history WHERE version = '2' AND success";

    private final DataSource dataSource;
    private final String schema;
    private final StorageChoice choice;

    public SchemaMigrations(DataSource dataSource, String schema, StorageChoice choice) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.schema = Objects.requireNonNull(schema, "schema == null");
        this.choice = Objects.requireNonNull(choice, "choice == null");
    }

    /** With DATABASE_STORAGE_MODE=auto. */
    public SchemaMigrations(DataSource dataSource, String schema) {
        this(dataSource, schema, StorageChoice.AUTO);
    }

    /**
     * @throws InvalidConfigException if the database user may not change the schema
     */
    public StorageMode migrate() {
        StorageMode mode = detectMode();
        Flyway flyway = flyway(mode);
        // A current schema is only validated, never migrated: a writer whose role may not
        // create tables still starts.
        if (flyway.info().pending().length == 0) {
            flyway.validate();
            log.info("schema {} is current; storage mode {}", schema, mode);
            return mode;
        }
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException e) {
            if (isPermissionDenied(e)) {
                throw new InvalidConfigException(
                        List.of(
                                "the database user may not migrate schema "
                                        + schema
                                        + " ("
                                        + rootMessage(e)
                                        + "): run the writer with the role that owns the schema,"
                                        + " or set DATABASE_MIGRATE=false where the schema is"
                                        + " migrated by another service"));
            }
            throw e;
        }
        log.info(
                "schema {} at version {} ({} migrations applied); storage mode {}",
                schema,
                result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
                result.migrationsExecuted,
                mode);
        return mode;
    }

    /**
     * Checks, without changing anything, that every migration this code knows has been applied.
     *
     * @throws InvalidConfigException naming the schema's version and the one {@code service} needs,
     *     if migrations are pending
     */
    public StorageMode requireCurrent(String service) {
        StorageMode mode = detectMode();
        MigrationInfoService info = flyway(mode).info();
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            MigrationInfo current = info.current();
            throw new InvalidConfigException(
                    List.of(
                            "schema "
                                    + schema
                                    + " is at version "
                                    + (current == null ? "none" : current.getVersion())
                                    + " and "
                                    + service
                                    + " needs version "
                                    + pending[pending.length - 1].getVersion()
                                    + ": start the writer first (it migrates the schema), or set"
                                    + " DATABASE_MIGRATE=true with the role that owns it"));
        }
        log.info("schema {} is current; storage mode {}", schema, mode);
        return mode;
    }

    private Flyway flyway(StorageMode mode) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration/common", mode.migrationLocation())
                .javaMigrations(
                        new RollupBackfill(), new DayRollupBackfill(), new FirstEventBackfill())
                .load();
    }

    private static boolean isPermissionDenied(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage().lines().findFirst().orElse("");
    }

    /**
     * The mode this schema is in or gets.
     *
     * @throws InvalidConfigException if the server cannot store events the way asked or required
     */
    public StorageMode detectMode() {
        try (Connection connection = dataSource.getConnection()) {
            return StorageModeRule.decide(
                    schema, migratedMode(connection), offer(connection), choice);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to detect TimescaleDB", e);
        }
    }

    private static TimescaleOffer offer(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(OFFER)) {
            row.next();
            if (!row.getBoolean(1)) {
                return TimescaleOffer.NONE;
            }
            return row.getBoolean(2) || row.getBoolean(3)
                    ? TimescaleOffer.USABLE
                    : TimescaleOffer.INSTALLED_NOT_PRELOADED;
        }
    }

    private Optional<StorageMode> migratedMode(Connection connection) throws SQLException {
        try (PreparedStatement exists =
                connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, schema + ".flyway_schema_history");
            try (ResultSet row = exists.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(String.format(SECOND_MIGRATION, schema))) {
            return row.next()
                    ? Optional.of(StorageMode.ofSecondMigration(row.getString(1)))
                    : Optional.empty();
        }
    }
}
