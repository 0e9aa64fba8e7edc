package io.useranalytics.store.eventids;

import io.useranalytics.store.SqlTime;
import io.useranalytics.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Deletes client event ids from table {@code event_ids}, in slices so that no transaction holds
 * many locks. Stops early when its thread is interrupted.
 */
public final class EventIdExpiry {
    private static final int SLICE = 10_000;
    private static final String DELETE_SLICE =
            "DELETE FROM event_ids WHERE id IN"
                    + " (SELECT id FROM event_ids WHERE received < ? LIMIT "
                    + SLICE
                    + ")";

    private final DataSource dataSource;

    public EventIdExpiry(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    }

    /** Deletes every id received before {@code instant}; returns how many. */
    public long deleteReceivedBefore(Instant instant) throws StoreException {
        OffsetDateTime before = SqlTime.of(instant);
        long total = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_SLICE)) {
            connection.setAutoCommit(true);
            int deleted;
            do {
                delete.setObject(1, before);
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == SLICE && !Thread.currentThread().isInterrupted());
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return total;
    }
}
