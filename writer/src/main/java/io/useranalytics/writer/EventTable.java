package io.useranalytics.writer;

import io.useranalytics.record.Event;
import io.useranalytics.store.StorageMode;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Readies the events table for a batch before its COPY: in plain PostgreSQL mode the days'
 * partitions ({@link DayPartitions}); TimescaleDB makes its chunks itself ({@link #ready()}).
 */
interface EventTable {
    /** Makes sure the table can take {@code events}. */
    void prepareFor(List<Event> events) throws SQLException;

    /** Forgets what it knew of the table: a failed write may have met a partition dropped since. */
    void forget();

    /** The events table of {@code mode}: day partitions in plain mode, a hypertable otherwise. */
    static EventTable of(StorageMode mode, DataSource dataSource) {
        return mode == StorageMode.PLAIN ? new DayPartitions(dataSource) : ready();
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
