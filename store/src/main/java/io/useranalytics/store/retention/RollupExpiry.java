package io.useranalytics.store.retention;

import io.useranalytics.store.SqlTime;
import io.useranalytics.store.rollup.Granularity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * How old rollups go: rows of table {@code rollups} deleted by granularity, in slices so that no
 * statement holds many locks. Stops early when its thread is interrupted.
 */
public final class RollupExpiry {
    private static final int SLICE = 10_000;
    private static final String DELETE_ROLLUPS =
            "DELETE FROM rollups WHERE (granularity, bucket, shard) IN"
                    + " (SELECT granularity, bucket, shard FROM rollups"
                    + " WHERE granularity = ? AND bucket < ? LIMIT "
                    + SLICE
                    + ")";

    /** Deletes the rollup rows of {@code granularity} whose bucket ends by {@code cutoff}. */
    public long deleteEndingBy(Connection connection, Granularity granularity, Instant cutoff)
            throws SQLException {
        long total = 0;
        try (PreparedStatement delete = connection.prepareStatement(DELETE_ROLLUPS)) {
            delete.setShort(1, granularity.code());
            delete.setObject(2, SqlTime.of(cutoff.minus(granularity.size())));
            int deleted;
            do {
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == SLICE && !Thread.currentThread().isInterrupted());
        }
        return total;
    }
}
