package io.useranalytics.writer;

import java.sql.Connection;
import java.sql.SQLException;

/** What the writer's transactions share. */
final class Transactions {
    private Transactions() {}

    /** Rolls back after {@code failure}; a failed rollback is added to it, not thrown. */
    static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
