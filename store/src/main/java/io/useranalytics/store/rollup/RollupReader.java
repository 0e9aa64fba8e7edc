package io.useranalytics.store.rollup;

import io.useranalytics.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads the rollups for a reader that caches them: each read in one read-only snapshot (a
 * repeatable-read transaction), so that a watermark and the changes below it agree.
 */
public final class RollupReader {
    private final DataSource dataSource;
    private final RollupStore store = new RollupStore();

    public RollupReader(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    }

    /** Runs {@code reading} in one snapshot and returns what it returned. */
    public <T> T read(Reading<T> reading) throws StoreException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            T result = reading.apply(new RollupSnapshot(connection, store));
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * What to read in one snapshot. A database error it meets leaves through {@link #read} as a
     * {@link StoreException}.
     */
    @FunctionalInterface
    public interface Reading<T> {
        T apply(RollupSnapshot snapshot) throws SQLException;
    }
}
