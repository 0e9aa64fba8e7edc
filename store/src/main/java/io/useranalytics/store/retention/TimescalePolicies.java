package io.useranalytics.store.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TimescaleDB: its retention policy's background job drops chunks older than the retention plus the
 * grace; the policy is set again at every start, so a changed setting takes effect then (writers
 * starting together may each remove and add it, and whichever adds second finds it there). Chunks
 * older than TIMESCALE_COMPRESS_AFTER_HOURS are compressed by the retention's runs ({@link
 * ChunkCompression}), not by TimescaleDB's compression policy, which cannot size the compressed
 * batches for blocks.
 */
final class TimescalePolicies implements EventExpiry {
    private static final String EXTENSION_SCHEMA =
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                    + " WHERE e.extname = 'timescaledb'";

    private final Optional<Duration> dropAfter;
    private final Duration compressAfter;

    /**
     * @param dropAfter the age of the chunks the policy drops, the retention plus the grace; empty
     *     when events are kept for ever
     */
    TimescalePolicies(Optional<Duration> dropAfter, Duration compressAfter) {
        this.dropAfter = Objects.requireNonNull(dropAfter, "dropAfter == null");
        this.compressAfter = Objects.requireNonNull(compressAfter, "compressAfter == null");
    }

    /** Chunks are made by TimescaleDB as events arrive: nothing to ready. */
    @Override
    public void prepareAhead(Connection connection, Instant now) {}

    @Override
    public void setUp(Connection connection) throws SQLException {
        String ts = extensionSchema(connection);
        String events = "(quote_ident(current_schema()) || '.event_blocks')::regclass";
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    String.format(
                            "SELECT %s.remove_retention_policy(%s, if_exists => true)",
                            ts, events));
        }
        if (dropAfter.isPresent()) {
            try (PreparedStatement retention =
                    connection.prepareStatement(
                            String.format(
                                    "SELECT %s.add_retention_policy(%s, drop_after => ?::interval,"
                                            + " if_not_exists => true)",
                                    ts, events))) {
                retention.setString(1, dropAfter.get().toSeconds() + " seconds");
                retention.execute();
            }
        }
    }

    @Override
    public List<String> compress(Connection connection, Instant now) throws SQLException {
        List<String> chunks =
                new ChunkCompression(extensionSchema(connection))
                        .compressEndingBy(connection, now.minus(compressAfter));
        return chunks.isEmpty()
                ? List.of()
                : List.of("compressed event chunks " + String.join(", ", chunks));
    }

    /** TimescaleDB's retention policy drops the chunks: nothing to do here. */
    @Override
    public List<String> expire(Connection connection, Instant cutoff) {
        return List.of();
    }

    private static String extensionSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(EXTENSION_SCHEMA)) {
            if (!row.next()) {
                throw new SQLException("the timescaledb extension is not installed");
            }
            return "\"" + row.getString(1).replace("\"", "\"\"") + "\"";
        }
    }
}
