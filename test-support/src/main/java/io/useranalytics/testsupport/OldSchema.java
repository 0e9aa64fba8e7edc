package io.useranalytics.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A schema as an earlier release left it: migrated up to a version, then given users and events in
 * the tables of that version. For tests of what an upgrade keeps.
 */
public final class OldSchema {
    private static final String FINGERPRINT =
            "SELECT md5(string_agg(time::text || ' ' || user_id || ' ' || kind, ','"
                    + " ORDER BY time, user_id, kind)) FROM events";

    private final RealPostgres postgres;

    public OldSchema(RealPostgres postgres) {
        this.postgres = postgres;
    }

    /** Migrates up to {@code version} with the common and the {@code mode} migrations. */
    public void migrateTo(String version, String mode) {
        Flyway.configure()
                .dataSource(postgres.dataSource())
                .schemas(postgres.schema())
                .defaultSchema(postgres.schema())
                .locations("classpath:db/migration/common", "classpath:db/migration/" + mode)
                .target(version)
                .load()
                .migrate();
    }

    /**
     * Adds 50 users and 10,000 events of theirs to table events: pairs 5 ms apart (a few straddle a
     * second), a pair every 7 minutes and 123 ms, every third event an impression.
     */
    public void addTenThousandEvents() throws SQLException {
        execute("INSERT INTO users (external_id) SELECT 'old-' || n FROM generate_series(1, 50) n");
        execute(
                "INSERT INTO events (time, user_id, kind) SELECT timestamptz '2024-05-01 10:00:00+00'"
                        + " + (n / 2) * interval '7 minutes 0.123 seconds' + (n % 2) * interval '5 ms',"
                        + " (SELECT min(id) FROM users) + n % 50,"
                        + " CASE WHEN n % 3 = 0 THEN 'impression' ELSE 'click' END::event_kind"
                        + " FROM generate_series(0, 9999) n");
    }

    /** Every stored event's time, user and kind, hashed: equal before and after a migration. */
    public String eventsFingerprint() throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(FINGERPRINT)) {
            row.next();
            return row.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
