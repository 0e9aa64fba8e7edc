package io.useranalytics.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * What a database error says of the work that met it, read from its class and its SQLSTATE
 * (PostgreSQL's appendix A): wait for the server, look for the value it refused, or neither.
 */
public enum StoreFailure {
    /** No connection, or the server will not take work: shutting down, out of room, a standby. */
    UNAVAILABLE,
    /** The server refused a value (its data, length or a check): one row fails the statement. */
    VALUE_REFUSED,
    /** Anything else: a conflict with another writer, a missing table, an unexpected error. */
    OTHER;

    /** What {@code failure} says, if it is a database error; its causes are not looked at. */
    public static Optional<StoreFailure> of(Throwable failure) {
        if (failure instanceof StoreException store) {
            return Optional.of(store.failure());
        }
        return failure instanceof SQLException sql ? Optional.of(ofSql(sql)) : Optional.empty();
    }

    private static StoreFailure ofSql(SQLException failure) {
        if (failure instanceof SQLTransientConnectionException
                || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLRecoverableException) {
            return UNAVAILABLE;
        }
        String state = failure.getSQLState();
        if (state == null || state.length() != 5) {
            return OTHER;
        }
        if (state.equals("25006")) {
            return UNAVAILABLE; // read-only transaction: connected to a standby
        }
        return switch (state.substring(0, 2)) {
            case "08", "53", "57", "58" -> UNAVAILABLE;
            case "22", "54" -> VALUE_REFUSED;
            // 23505, a unique key another writer took meanwhile: retried, not a refused value
            case "23" -> state.equals("23505") ? OTHER : VALUE_REFUSED;
            default -> OTHER;
        };
    }
}
