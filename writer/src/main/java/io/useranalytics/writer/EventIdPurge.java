package io.useranalytics.writer;

import io.useranalytics.store.SqlTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets client event ids older than the retention, in slices so that no transaction holds many
 * locks. Run periodically; a failed run is logged and the next one tries again.
 */
final class EventIdPurge implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EventIdPurge.class);
    private static final int SLICE = 10_000;
    private static final String DELETE_SLICE =
            "DELETE FROM event_ids WHERE id IN"
                    + " (SELECT id FROM event_ids WHERE received < ? LIMIT "
                    + SLICE
                    + ")";

    private final DataSource dataSource;
    private final Duration retention;
    private final Clock clock;

    EventIdPurge(DataSource dataSource, Duration retention, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.retention = Objects.requireNonNull(retention, "retention == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public void run() {
        try {
            long forgotten = purge();
            if (forgotten > 0) {
                log.debug("forgot {} event ids older than {}", forgotten, retention);
            }
        } catch (SQLException e) {
            log.warn("purging old event ids failed; the next run retries: {}", e.getMessage());
        }
    }

    /** Deletes every id received before now minus the retention; returns how many. */
    long purge() throws SQLException {
        OffsetDateTime before = SqlTime.of(clock.instant().minus(retention));
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
        }
        return total;
    }
}
