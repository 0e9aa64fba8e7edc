package io.useranalytics.common.db;

/** How events are stored: a TimescaleDB hypertable, or a plain PostgreSQL table indexed by time. */
public enum StorageMode {
    TIMESCALE("timescale"),
    PLAIN("plain");

    private final String migrationFolder;

    StorageMode(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }
}
