package io.useranalytics.store;

/** What a PostgreSQL server offers of TimescaleDB. */
enum TimescaleOffer {
    /** The extension is not installed on the server. */
    NONE,
    /** Installed, but not in shared_preload_libraries: {@code CREATE EXTENSION} would fail. */
    INSTALLED_NOT_PRELOADED,
    /** Preloaded, or already created in the database. */
    USABLE
}
