package io.useranalytics.writer;

import io.useranalytics.record.Event;
import io.useranalytics.store.EventPartitions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Creates the day partitions a batch needs before its transaction, in a connection of its own, so
 * that the batch never holds the lock a new partition takes on the events table. Remembers the days
 * it saw; used by the store thread only.
 */
final class DayPartitions implements EventTable {
    private static final long SECONDS_PER_DAY = 86_400;

    private final DataSource dataSource;
    private final EventPartitions partitions = new EventPartitions();
    private final Set<LocalDate> known = new HashSet<>();

    DayPartitions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    }

    @Override
    public void prepareFor(List<Event> events) throws SQLException {
        // A batch's events are mostly of one day: look a day up only when it changes.
        Set<LocalDate> days = new HashSet<>();
        long lastDay = Long.MIN_VALUE;
        for (Event event : events) {
            long day = Math.floorDiv(event.timestamp().getEpochSecond(), SECONDS_PER_DAY);
            if (day != lastDay) {
                lastDay = day;
                LocalDate date = LocalDate.ofEpochDay(day);
                if (!known.contains(date)) {
                    days.add(date);
                }
            }
        }
        if (days.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            partitions.create(connection, days);
        }
        known.addAll(days);
    }

    @Override
    public void forget() {
        known.clear();
    }
}
