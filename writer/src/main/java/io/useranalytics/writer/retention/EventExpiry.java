package io.useranalytics.writer.retention;

import io.useranalytics.store.StorageMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** How old events shrink and go in bulk, never row by row: by storage mode. */
public interface EventExpiry {
    /** Applies what is set once, at start-up (TimescaleDB's retention policy). */
    void setUp(Connection connection) throws SQLException;

    /** Readies the table for the coming days, if the mode needs it. */
    void prepareAhead(Connection connection, Instant now) throws SQLException;

    /** Compresses the events older than the mode's setting, if it compresses; says what. */
    List<String> compress(Connection connection, Instant now) throws SQLException;

    /** Removes the events that all lie before {@code cutoff}; says what it removed. */
    List<String> expire(Connection connection, Instant cutoff) throws SQLException;

    static EventExpiry of(StorageMode mode, RetentionConfig config) {
        return mode == StorageMode.PLAIN ? new DayPartitionExpiry() : new TimescalePolicies(config);
    }
}
