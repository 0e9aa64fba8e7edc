package io.useranalytics.store.retention;

import io.useranalytics.store.StorageMode;
import io.useranalytics.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** How old events shrink and go in bulk, never row by row: by storage mode. */
public interface EventExpiry {
    /** Applies what is set once, at start-up (TimescaleDB's retention policy). */
    void setUp(Connection connection) throws SQLException;

    /** {@link #setUp(Connection)} in a connection of its own. */
    default void setUp(DataSource dataSource) throws StoreException {
        try (Connection connection = dataSource.getConnection()) {
            setUp(connection);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Readies the table for the coming days, if the mode needs it. */
    void prepareAhead(Connection connection, Instant now) throws SQLException;

    /** Compresses the events older than the mode's setting, if it compresses; says what. */
    List<String> compress(Connection connection, Instant now) throws SQLException;

    /** Removes the events that all lie before {@code cutoff}; says what it removed. */
    List<String> expire(Connection connection, Instant cutoff) throws SQLException;

    /**
     * The expiry of {@code mode}: day partitions in plain mode; in TimescaleDB its retention
     * policy, which drops chunks {@code dropAfter} old (none when events are kept for ever), and
     * chunks compressed once {@code compressAfter} old.
     */
    static EventExpiry of(StorageMode mode, Optional<Duration> dropAfter, Duration compressAfter) {
        return mode == StorageMode.PLAIN
                ? new DayPartitionExpiry()
                : new TimescalePolicies(dropAfter, compressAfter);
    }
}
