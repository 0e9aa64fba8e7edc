package io.useranalytics.writer;

import io.useranalytics.common.event.Event;
import io.useranalytics.common.rollup.BucketKey;
import io.useranalytics.common.rollup.BucketSummary;
import io.useranalytics.common.rollup.RollupDeltas;
import io.useranalytics.common.rollup.RollupStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes one batch in one transaction: the offsets that follow it (refused if the batch is stale),
 * its new users, its events through COPY, and what they add to the rollups. On failure the
 * transaction is rolled back and the caller decides what next.
 */
final class BatchWriter {
    private static final String COPY_EVENTS = "COPY events (time, user_id, kind) FROM STDIN";

    private final DataSource dataSource;
    private final UserRegistry users;
    private final CopyEncoder encoder;
    private final OffsetStore offsets;
    private final RollupStore rollups = new RollupStore();

    BatchWriter(
            DataSource dataSource, UserRegistry users, CopyEncoder encoder, OffsetStore offsets) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.users = Objects.requireNonNull(users, "users == null");
        this.encoder = Objects.requireNonNull(encoder, "encoder == null");
        this.offsets = Objects.requireNonNull(offsets, "offsets == null");
    }

    void write(Batch batch) throws BatchWriteException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                offsets.advance(connection, batch.offsets());
                Map<String, Long> userIds = users.idsFor(connection, batch.users());
                byte[] rows = encoder.encode(batch.events(), userIds);
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(COPY_EVENTS, new ByteArrayInputStream(rows));
                rollups.add(connection, rollupsOf(batch.events(), userIds));
                connection.commit();
            } catch (StaleBatchException e) {
                rollBack(connection, e);
                throw e;
            } catch (SQLException | IOException | RuntimeException e) {
                rollBack(connection, e);
                throw new BatchWriteException(
                        "writing a batch of " + batch.events().size() + " events failed", e);
            }
        } catch (SQLException e) {
            throw new BatchWriteException(
                    "no database connection for a batch of " + batch.events().size() + " events",
                    e);
        }
    }

    private static Map<BucketKey, BucketSummary> rollupsOf(
            List<Event> events, Map<String, Long> userIds) {
        RollupDeltas deltas = new RollupDeltas();
        for (Event event : events) {
            deltas.add(event.timestamp(), userIds.get(event.user()), event.kind());
        }
        return deltas.drain();
    }

    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
