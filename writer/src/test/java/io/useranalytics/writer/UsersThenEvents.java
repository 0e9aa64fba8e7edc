package io.useranalytics.writer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.batch.BatchTransaction;
import io.useranalytics.store.events.DayPartitions;
import io.useranalytics.store.events.EventPartitions;
import io.useranalytics.store.events.EventTable;
import io.useranalytics.store.offsets.OffsetStore;
import io.useranalytics.store.users.UserLookup;
import io.useranalytics.writer.retention.RetentionConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;

/** A batch written as the writer's two threads write it, one step after the other. */
final class UsersThenEvents {
    private static final RetentionConfig KEEP_EVERYTHING =
            RetentionConfig.from(
                    new Env(
                            Map.of(
                                    "RETENTION_EVENTS_DAYS", "0",
                                    "RETENTION_SECOND_ROLLUPS_DAYS", "0",
                                    "RETENTION_MINUTE_ROLLUPS_DAYS", "0",
                                    "RETENTION_HOUR_ROLLUPS_DAYS", "0",
                                    "RETENTION_DAY_ROLLUPS_DAYS", "0")));

    private final NewUsers users;
    private final BatchWriter events;
    private final PartitionOffsets offsets;
    private final Set<TopicPartition> positioned = new HashSet<>();

    UsersThenEvents(DataSource dataSource, OffsetStore offsets) {
        this(dataSource, offsets, eventTable(dataSource));
    }

    UsersThenEvents(DataSource dataSource, OffsetStore offsets, EventTable table) {
        this.offsets = new PartitionOffsets(offsets);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        this.users =
                new NewUsers(
                        new UserRegistry(
                                new KnownUsers(1_000, UserIdHash.random()),
                                new UserLookup(dataSource)),
                        registry);
        this.events =
                new BatchWriter(
                        new BatchTransaction(dataSource, table, offsets),
                        KEEP_EVERYTHING,
                        Clock.systemUTC(),
                        registry);
    }

    /** Day partitions where the events table is partitioned (plain mode), else nothing. */
    private static EventTable eventTable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return new EventPartitions().isPartitioned(connection)
                    ? new DayPartitions(dataSource, true, Clock.systemUTC())
                    : EventTable.ready();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell how events are stored", e);
        }
    }

    /**
     * Returns how many events were stored. A partition read for the first time gets its offset row
     * at the batch's start, as the writer stores it when it first positions the partition.
     */
    int write(Batch batch) throws BatchWriteException {
        try {
            for (var range : batch.offsets().entrySet()) {
                if (positioned.add(range.getKey())) {
                    offsets.ensure(range.getKey(), range.getValue().first());
                }
            }
        } catch (StoreException e) {
            throw new IllegalStateException("cannot store the partitions' first offsets", e);
        }
        return events.write(users.add(batch));
    }
}
