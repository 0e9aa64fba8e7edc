package io.useranalytics.store.retention;

import io.useranalytics.store.SqlTime;
import io.useranalytics.store.events.EventBlocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compresses the event chunks that end before a time, each in a transaction of its own, in batches
 * of {@link EventBlocks#PER_COMPRESSED_BATCH} blocks. Chunks written to after their compression are
 * left as they are.
 */
final class ChunkCompression {
    private static final String UNCOMPRESSED_ENDING_BY =
            "SELECT format('%I.%I', chunk_schema, chunk_name) FROM timescaledb_information.chunks"
                    + " WHERE hypertable_schema = current_schema()"
                    + " AND hypertable_name = 'event_blocks' AND NOT is_compressed"
                    + " AND range_end <= ? ORDER BY range_start";

    private final String extensionSchema;

    ChunkCompression(String extensionSchema) {
        this.extensionSchema = extensionSchema;
    }

    /** Compresses every uncompressed chunk that ends by {@code before}; returns their names. */
    List<String> compressEndingBy(Connection connection, Instant before) throws SQLException {
        List<String> chunks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(UNCOMPRESSED_ENDING_BY)) {
            select.setObject(1, SqlTime.of(before));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    chunks.add(rows.getString(1));
                }
            }
        }
        for (String chunk : chunks) {
            compress(connection, chunk);
        }
        return chunks;
    }

    private void compress(Connection connection, String chunk) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
                PreparedStatement compress =
                        connection.prepareStatement(
                                "SELECT "
                                        + extensionSchema
                                        + ".compress_chunk(?::regclass, if_not_compressed => true)")) {
            statement.execute(
                    "SET LOCAL timescaledb.compression_batch_size_limit = "
                            + EventBlocks.PER_COMPRESSED_BATCH);
            compress.setString(1, chunk);
            compress.execute();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
