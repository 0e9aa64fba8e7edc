package io.useranalytics.store;

import io.useranalytics.common.config.InvalidConfigException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The rights a service's work takes on every table of the schema, checked at start-up so that a
 * role with too few fails at once with one line, not at its first write or query.
 */
public enum TableRights {
    /** query-api: it only reads. */
    READ(List.of("SELECT")),
    /** The writer: it copies events in, upserts users, rollups and offsets, purges event ids. */
    WRITE(List.of("SELECT", "INSERT", "UPDATE", "DELETE"));

    private static final String MISSING =
            "SELECT p.privilege, string_agg(c.relname, ', ' ORDER BY c.relname)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " CROSS JOIN unnest(?::text[]) AS p(privilege)"
                    + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
                    + " AND NOT has_table_privilege(c.oid, p.privilege)"
                    + " GROUP BY p.privilege ORDER BY min(array_position(?::text[], p.privilege))";

    private final List<String> privileges;

    TableRights(List<String> privileges) {
        this.privileges = privileges;
    }

    /**
     * Checks the tables the schema has now; a schema that does not exist yet passes.
     *
     * @throws InvalidConfigException naming each privilege the database user lacks and on which
     *     tables, if any
     */
    public void require(DataSource dataSource, String schema, String service) {
        Objects.requireNonNull(schema, "schema == null");
        List<String> missing = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, schema)) {
                return;
            }
            if (!hasUsage(connection, schema)) {
                missing.add("USAGE on the schema");
            }
            Array wanted = connection.createArrayOf("text", privileges.toArray());
            try (PreparedStatement statement = connection.prepareStatement(MISSING)) {
                statement.setArray(1, wanted);
                statement.setString(2, schema);
                statement.setArray(3, wanted);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        missing.add(rows.getString(1) + " on " + rows.getString(2));
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidConfigException(
                        List.of(
                                "DATABASE_USER "
                                        + connection.getMetaData().getUserName()
                                        + " lacks rights in schema "
                                        + schema
                                        + ": "
                                        + String.join("; ", missing)
                                        + " ("
                                        + service
                                        + " needs USAGE on the schema and "
                                        + String.join(", ", privileges)
                                        + " on every table)"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the rights of the database user", e);
        }
    }

    private static boolean exists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            statement.setString(1, schema);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    private static boolean hasUsage(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT has_schema_privilege(?, 'USAGE')")) {
            statement.setString(1, schema);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }
}
