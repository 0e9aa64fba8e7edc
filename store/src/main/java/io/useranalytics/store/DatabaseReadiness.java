package io.useranalytics.store;

import io.useranalytics.common.health.ReadinessCheck;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Tells whether the database answers: a pooled connection that validates within 2 s. */
public final class DatabaseReadiness {
    private DatabaseReadiness() {}

    public static ReadinessCheck check(DataSource dataSource) {
        return ReadinessCheck.reachability(
                "database",
                () -> {
                    try (Connection connection = dataSource.getConnection()) {
                        return connection.isValid(2);
                    } catch (SQLException e) {
                        return false;
                    }
                });
    }
}
