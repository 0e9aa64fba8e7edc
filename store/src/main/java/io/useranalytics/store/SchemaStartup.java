package io.useranalytics.store;

import io.useranalytics.common.config.InvalidConfigException;
import javax.sql.DataSource;

/**
 * What a service does with the schema before it serves: checks the database stores text as UTF-8
 * and the database user has the rights the service's work takes, then migrates the schema if
 * migrations are pending (or, with DATABASE_MIGRATE=false, only checks none are), then checks the
 * rights on what migrating created.
 */
public final class SchemaStartup {
    private SchemaStartup() {}

    /**
     * @throws InvalidConfigException if the database is not UTF-8, the schema is behind and this
     *     service may not migrate it, or the user lacks a right
     */
    public static StorageMode prepare(
            DataSource dataSource, DatabaseConfig config, TableRights rights, String service) {
        ServerEncoding.requireUtf8(dataSource);
        SchemaMigrations migrations =
                new SchemaMigrations(dataSource, config.schema(), config.storage());
        rights.require(dataSource, config.schema(), service);
        if (!config.migrate()) {
            return migrations.requireCurrent(service);
        }
        StorageMode mode = migrations.migrate();
        rights.require(dataSource, config.schema(), service);
        return mode;
    }
}
