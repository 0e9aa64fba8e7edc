package io.useranalytics.writer;

import io.useranalytics.store.StoreFailure;
import java.util.Optional;
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
            Optional<StoreFailure> database = StoreFailure.of(cause);
            if (database.isPresent()) {
                return of(database.get());
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

    private static WriteFailure of(StoreFailure failure) {
        return switch (failure) {
            case UNAVAILABLE -> DATABASE_UNAVAILABLE;
            case VALUE_REFUSED -> RECORD_REFUSED;
            case OTHER -> OTHER;
        };
    }
}
