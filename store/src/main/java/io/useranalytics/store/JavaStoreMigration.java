package io.useranalytics.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A schema migration written in Java (one that reads rollup bitmaps, which SQL cannot), run by
 * Flyway in its version's place among the SQL ones and in one transaction with its record.
 */
abstract class JavaStoreMigration implements JavaMigration {
    private final MigrationVersion version;
    private final String description;

    JavaStoreMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    /** None: a Java migration's code may change without it counting as a different migration. */
    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
