package io.useranalytics.store.retention;

import io.useranalytics.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One run of the retention in the database: moves the horizons first, so that query-api stops
 * answering what is about to go, then removes what lies before each cutoff (rollup rows by
 * granularity, events in bulk through {@link EventExpiry}) and compresses old events. Idempotent.
 */
public final class RetentionPass {
    private final DataSource dataSource;
    private final EventExpiry events;
    private final RetentionHorizons horizons = new RetentionHorizons();
    private final RollupExpiry rollups = new RollupExpiry();

    public RetentionPass(DataSource dataSource, EventExpiry events) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.events = Objects.requireNonNull(events, "events == null");
    }

    /**
     * Moves each of {@code moved} forward, then removes the data of each kind in {@code cutoffs}
     * that lies before its cutoff; {@code now} decides which events are old enough to compress.
     */
    public Applied apply(List<Horizon> moved, Map<RetainedData, Instant> cutoffs, Instant now)
            throws StoreException {
        List<String> removed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (Horizon horizon : moved) {
                horizons.advance(connection, horizon);
            }
            events.prepareAhead(connection, now);
            for (Map.Entry<RetainedData, Instant> cutoff : cutoffs.entrySet()) {
                RetainedData data = cutoff.getKey();
                if (data.granularity().isPresent()) {
                    long rows =
                            rollups.deleteEndingBy(
                                    connection, data.granularity().get(), cutoff.getValue());
                    if (rows > 0) {
                        removed.add(
                                rows
                                        + " "
                                        + data.description()
                                        + " rows before "
                                        + cutoff.getValue());
                    }
                } else {
                    removed.addAll(events.expire(connection, cutoff.getValue()));
                }
            }
            return new Applied(removed, events.compress(connection, now));
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * What one run removed (rollup rows by granularity, event partitions or chunks) and compressed
     * (TimescaleDB's event chunks).
     */
    public record Applied(List<String> removed, List<String> compressed) {
        public Applied {
            removed = List.copyOf(removed);
            compressed = List.copyOf(compressed);
        }

        public boolean isEmpty() {
            return removed.isEmpty() && compressed.isEmpty();
        }

        @Override
        public String toString() {
            List<String> done = new ArrayList<>(removed);
            done.addAll(compressed);
            return String.join("; ", done);
        }
    }
}
