package io.useranalytics.writer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes one batch in one transaction: its new users, its events through COPY, and the offsets that
 * follow it. On failure the transaction is rolled back and the caller decides what next.
 */
final class BatchWriter {
    private static final String COPY_EVENTS = "COPY events (time, user_id, kind) FROM STDIN";

    private final DataSource dataSource;
    private final UserRegistry users;
    private final CopyEncoder encoder;
    private final OffsetStore offsets;

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

    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
