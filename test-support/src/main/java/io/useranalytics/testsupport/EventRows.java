package io.useranalytics.testsupport;

import io.useranalytics.record.Event;
import io.useranalytics.store.EventPartitions;
import io.useranalytics.store.SqlTime;
import io.useranalytics.store.rollup.RollupDeltas;
import io.useranalytics.store.rollup.RollupStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Stores events as the writer's transaction does (users, events, rollups through the shared {@link
 * RollupStore}) without Kafka: for query-side tests that arrange data directly.
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
            try (PreparedStatement user =
                            connection.prepareStatement(
                                    "INSERT INTO users (external_id) VALUES (?) ON CONFLICT (external_id)"
                                            + " DO UPDATE SET external_id = excluded.external_id RETURNING id");
                    PreparedStatement event =
                            connection.prepareStatement(
                                    "INSERT INTO events (time, user_id, kind) VALUES (?, ?, ?::event_kind)")) {
                for (Event e : events) {
                    user.setString(1, e.user());
                    long userId;
                    try (ResultSet id = user.executeQuery()) {
                        id.next();
                        userId = id.getLong(1);
                    }
                    event.setObject(1, SqlTime.of(e.timestamp()));
                    event.setLong(2, userId);
                    event.setString(3, e.kind().wireName());
                    event.executeUpdate();
                    deltas.add(e.timestamp(), userId, e.kind());
                }
            }
            new RollupStore().add(connection, (short) 0, deltas.drain());
            connection.commit();
        }
    }
}
