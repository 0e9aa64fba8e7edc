package io.useranalytics.store.events;

import io.useranalytics.record.Event;
import io.useranalytics.store.StorageMode;
import io.useranalytics.store.StoreException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/**
 * Readies the events table for a batch before its COPY: in plain PostgreSQL mode the days'
 * partitions ({@link DayPartitions}); TimescaleDB makes its chunks itself ({@link #ready()}).
 */
public interface EventTable {
    /** Makes sure the table can take {@code events}. */
    void prepareFor(List<Event> events) throws StoreException;

    /** Forgets what it knew of the table: a failed write may have met a partition dropped since. */
    void forget();

    /**
     * The events table of {@code mode}: day partitions in plain mode (spans of days for old ones,
     * of a year when raw events are kept for ever), a hypertable otherwise.
     */
    static EventTable of(
            StorageMode mode, DataSource dataSource, boolean eventsKeptForEver, Clock clock) {
        return mode == StorageMode.PLAIN
                ? new DayPartitions(dataSource, eventsKeptForEver, clock)
                : ready();
    }

    /** A table that takes any event as it is. */
    static EventTable ready() {
        return new EventTable() {
            @Override
            public void prepareFor(List<Event> events) {}

            @Override
            public void forget() {}
        };
    }
}
