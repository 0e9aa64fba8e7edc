package io.useranalytics.writer;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/**
 * What a failed write was up against, judged from its cause: whether the poll loop backs off and
 * retries, or looks for the record the database refused; and what the log calls it.
 */
enum WriteFailure {
    /** No connection, or the server will not take work: shutting down, out of room, a standby. */
    DATABASE_UNAVAILABLE("database unavailable"),
    /** Kafka did not acknowledge the batch's dead letters in time. */
    DEAD_LETTERS_UNAVAILABLE("dead-letter topic unavailable"),
    /** The database (or the encoding) refused a value: one record fails the whole batch. */
    RECORD_REFUSED("a record was refused"),
    /** Anything else, retried with back-off: a conflict, a missing table, an unexpected error. */
    OTHER("writing failed");

    private final String description;

    WriteFailure(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    static WriteFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return ofSql(sql);
            }
            if (cause instanceof KafkaException
                    || cause instanceof ExecutionException
                    || cause instanceof TimeoutException) {
                return DEAD_LETTERS_UNAVAILABLE;
            }
            if (cause instanceof IllegalArgumentException
                    || cause instanceof IllegalStateException) {
                return RECORD_REFUSED; // thrown by the encoders for a value they cannot write
            }
        }
        return OTHER;
    }

    /** By SQLSTATE class: PostgreSQL's appendix A. */
    private static WriteFailure ofSql(SQLException failure) {
        if (failure instanceof SQLTransientConnectionException
                || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLRecoverableException) {
            return DATABASE_UNAVAILABLE;
        }
        String state = failure.getSQLState();
        if (state == null || state.length() != 5) {
            return OTHER;
        }
        if (state.equals("25006")) {
            return DATABASE_UNAVAILABLE; // read-only transaction: connected to a standby
        }
        return switch (state.substring(0, 2)) {
            case "08", "53", "57", "58" -> DATABASE_UNAVAILABLE;
            case "22", "54" -> RECORD_REFUSED;
            case "23" -> state.equals("23505") ? OTHER : RECORD_REFUSED;
            default -> OTHER;
        };
    }
}
