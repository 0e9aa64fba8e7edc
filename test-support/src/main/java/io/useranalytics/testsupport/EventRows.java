package io.useranalytics.testsupport;

import io.useranalytics.record.Event;
import io.useranalytics.store.EventBlocks;
import io.useranalytics.store.EventPartitions;
import io.useranalytics.store.rollup.RollupDeltas;
import io.useranalytics.store.rollup.RollupStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Stores events as the writer's transaction does (users, event blocks, rollups through the shared
 * {@link RollupStore}) without Kafka: for query-side tests that arrange data directly.
 */
public final class EventRows {
    private final DataSource dataSource;

    public EventRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(List<Event> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            EventPartitions partitions = new EventPartitions();
            if (partitions.isPartitioned(connection)) {
                partitions.create(
                        connection,
                        EventPartitions.daysOf(events.stream().map(Event::timestamp).toList()));
            }
            connection.setAutoCommit(false);
            RollupDeltas deltas = new RollupDeltas();
            EventBlocks blocks = new EventBlocks();
            try (PreparedStatement user =
                    connection.prepareStatement(
                            "INSERT INTO users (external_id) VALUES (?) ON CONFLICT (external_id)"
                                    + " DO UPDATE SET external_id = excluded.external_id RETURNING id")) {
                for (Event e : events) {
                    user.setString(1, e.user());
                    long userId;
                    try (ResultSet id = user.executeQuery()) {
                        id.next();
                        userId = id.getLong(1);
                    }
                    blocks.add(e.timestamp(), userId, e.kind());
                    deltas.add(e.timestamp(), userId, e.kind());
                }
            }
            new RollupStore().add(connection, (short) 0, deltas.drain());
            copy(connection, blocks);
            connection.commit();
        }
    }

    private static void copy(Connection connection, EventBlocks blocks) throws SQLException {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        blocks.writeCopy(rows);
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(EventBlocks.COPY, new ByteArrayInputStream(rows.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
