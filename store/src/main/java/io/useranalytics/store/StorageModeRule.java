package io.useranalytics.store;

import io.useranalytics.common.config.InvalidConfigException;
import java.util.List;
import java.util.Optional;

/**
 * Which storage mode a schema gets: the one it was migrated in, if it was; else what
 * DATABASE_STORAGE_MODE asks for, where the server can do it. Anything else is an {@link
 * InvalidConfigException} that says how to fix it, never a half-run migration.
 */
final class StorageModeRule {
    private static final String PRELOAD =
            "add timescaledb to shared_preload_libraries in postgresql.conf and restart PostgreSQL";

    private StorageModeRule() {}

    static StorageMode decide(
            String schema,
            Optional<StorageMode> migrated,
            TimescaleOffer offer,
            StorageChoice choice) {
        if (migrated.isPresent()) {
            return keep(schema, migrated.get(), offer, choice);
        }
        if (choice == StorageChoice.PLAIN) {
            return StorageMode.PLAIN;
        }
        if (offer == TimescaleOffer.USABLE) {
            return StorageMode.TIMESCALE;
        }
        if (offer == TimescaleOffer.INSTALLED_NOT_PRELOADED) {
            throw problem(
                    "TimescaleDB is installed on this server but not preloaded: "
                            + PRELOAD
                            + ", or set DATABASE_STORAGE_MODE=plain to store events in a plain table");
        }
        if (choice == StorageChoice.TIMESCALE) {
            throw problem(
                    "DATABASE_STORAGE_MODE=timescale, but this server does not offer the"
                            + " timescaledb extension: install and preload it, or set"
                            + " DATABASE_STORAGE_MODE=auto or plain");
        }
        return StorageMode.PLAIN;
    }

    private static StorageMode keep(
            String schema, StorageMode migrated, TimescaleOffer offer, StorageChoice choice) {
        if (choice != StorageChoice.AUTO && !choice.name().equals(migrated.name())) {
            throw problem(
                    "schema "
                            + schema
                            + " already stores events in "
                            + migrated.settingValue()
                            + " mode; DATABASE_STORAGE_MODE="
                            + choice.settingValue()
                            + " cannot change that: set it to auto or "
                            + migrated.settingValue()
                            + ", or use another DATABASE_SCHEMA");
        }
        if (migrated == StorageMode.TIMESCALE && offer != TimescaleOffer.USABLE) {
            throw problem(
                    "schema "
                            + schema
                            + " stores events in a TimescaleDB hypertable, but TimescaleDB is "
                            + (offer == TimescaleOffer.NONE
                                    ? "not installed on this server: install it, then " + PRELOAD
                                    : "not preloaded: " + PRELOAD));
        }
        return migrated;
    }

    private static InvalidConfigException problem(String message) {
        return new InvalidConfigException(List.of(message));
    }
}
