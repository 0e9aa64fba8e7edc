package io.useranalytics.store;

import java.sql.SQLException;
import java.util.Objects;

/**
 * A store operation failed; {@link #failure()} says what that means for the caller (wait for the
 * server, look for the refused value, or neither). The store's operations throw it so that no
 * service handles JDBC's exceptions itself.
 */
public final class StoreException extends Exception {
    private final StoreFailure failure;

    /** {@code cause}'s message, and its class and SQLSTATE read as a {@link StoreFailure}. */
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
        this.failure = StoreFailure.of(cause).orElseThrow();
    }

    /** A failure the store found itself, not one the server reported. */
    public StoreException(String message, StoreFailure failure) {
        super(message);
        this.failure = Objects.requireNonNull(failure, "failure == null");
    }

    public StoreFailure failure() {
        return failure;
    }
}
