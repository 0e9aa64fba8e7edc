package io.useranalytics.store.retention;

import io.useranalytics.store.SqlTime;
import io.useranalytics.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Table {@code retention_horizons}: the writer moves a horizon forward (never back, so that a
 * shortened setting cannot bring back a window whose data is gone); query-api reads them all.
 */
public final class RetentionHorizons {
    private static final String MOVE =
            "INSERT INTO retention_horizons (kind, kept_from, setting) VALUES (?, ?, ?)"
                    + " ON CONFLICT (kind) DO UPDATE SET"
                    + " kept_from = greatest(retention_horizons.kept_from, excluded.kept_from),"
                    + " setting = excluded.setting";
    private static final String READ = "SELECT kind, kept_from, setting FROM retention_horizons";

    /** Moves the horizon of {@code horizon.data()} to {@code horizon.keptFrom()} if later. */
    public void advance(Connection connection, Horizon horizon) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement(MOVE)) {
            move.setString(1, horizon.data().key());
            move.setObject(2, SqlTime.of(horizon.keptFrom()));
            move.setString(3, horizon.setting());
            move.executeUpdate();
        }
    }

    /** {@link #read(Connection)} in a connection of its own. */
    public Map<RetainedData, Horizon> read(DataSource dataSource) throws StoreException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The horizons set so far; data without one is kept for ever. */
    public Map<RetainedData, Horizon> read(Connection connection) throws SQLException {
        Map<RetainedData, Horizon> horizons = new EnumMap<>(RetainedData.class);
        try (PreparedStatement read = connection.prepareStatement(READ);
                ResultSet rows = read.executeQuery()) {
            while (rows.next()) {
                String setting = rows.getString(3);
                java.time.Instant keptFrom = rows.getTimestamp(2).toInstant();
                RetainedData.ofKey(rows.getString(1))
                        .ifPresent(
                                data -> horizons.put(data, new Horizon(data, keptFrom, setting)));
            }
        }
        return horizons;
    }
}
