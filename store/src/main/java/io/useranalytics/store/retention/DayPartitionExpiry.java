package io.useranalytics.store.retention;

import io.useranalytics.store.events.EventPartitions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Plain PostgreSQL: creates the partitions of today and the next two days ahead of their first
 * events, and drops the day partitions that end by the cutoff.
 */
final class DayPartitionExpiry implements EventExpiry {
    private static final int DAYS_AHEAD = 2;

    private final EventPartitions partitions = new EventPartitions();

    @Override
    public void setUp(Connection connection) {}

    @Override
    public void prepareAhead(Connection connection, Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        partitions.create(connection, today.datesUntil(today.plusDays(DAYS_AHEAD + 1)).toList());
    }

    /** Plain PostgreSQL does not compress; the blocks are compact already. */
    @Override
    public List<String> compress(Connection connection, Instant now) {
        return List.of();
    }

    @Override
    public List<String> expire(Connection connection, Instant cutoff) throws SQLException {
        List<String> dropped = partitions.dropEndingBy(connection, cutoff);
        return dropped.isEmpty()
                ? List.of()
                : List.of("event partitions " + String.join(", ", dropped));
    }
}
