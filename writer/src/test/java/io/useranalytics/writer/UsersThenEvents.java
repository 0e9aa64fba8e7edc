package io.useranalytics.writer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.store.EventPartitions;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A batch written as the writer's two threads write it, one step after the other. */
final class UsersThenEvents {
    private final NewUsers users;
    private final BatchWriter events;

    UsersThenEvents(DataSource dataSource, OffsetStore offsets) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        this.users =
                new NewUsers(
                        dataSource,
                        new UserRegistry(new KnownUsers(1_000, UserIdHash.random())),
                        registry);
        this.events =
                new BatchWriter(
                        dataSource, new CopyEncoder(), eventTable(dataSource), offsets, registry);
    }

    /** Day partitions where the events table is partitioned (plain mode), else nothing. */
    private static EventTable eventTable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return new EventPartitions().isPartitioned(connection)
                    ? new DayPartitions(dataSource)
                    : EventTable.ready();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell how events are stored", e);
        }
    }

    /** Returns how many events were stored. */
    int write(Batch batch) throws BatchWriteException {
        return events.write(users.add(batch));
    }
}
