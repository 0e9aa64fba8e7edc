package io.useranalytics.store;

import java.util.Locale;

/** How events are stored: a TimescaleDB hypertable, or a plain PostgreSQL table indexed by time. */
public enum StorageMode {
    TIMESCALE("timescale", "events hypertable"),
    PLAIN("plain", "events time index");

    private final String migrationFolder;

    /** The description Flyway records for this mode's migration 2, named after its file. */
    private final String secondMigration;

    StorageMode(String migrationFolder, String secondMigration) {
        this.migrationFolder = migrationFolder;
        this.secondMigration = secondMigration;
    }

    String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static StorageMode ofSecondMigration(String description) {
        for (StorageMode mode : values()) {
            if (mode.secondMigration.equals(description)) {
                return mode;
            }
        }
        throw new IllegalStateException(
                "migration 2 of this schema is '" + description + "', which no storage mode has");
    }
}
