package io.useranalytics.store.events;

import io.useranalytics.record.Event;
import io.useranalytics.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Creates the partitions a batch needs before its transaction, in a connection of its own, so that
 * the batch never holds the lock a new partition takes on the events table. A day of the last
 * {@value #RECENT_DAYS} days (or ahead) gets a partition of its own, which the retention drops day
 * by day. An older day (an event that arrived late, a backfill) shares one partition with the other
 * days of its month, or of its year when raw events are kept for ever: a batch of 10,000 events on
 * 10,000 old days creates a few dozen partitions, not 10,000. Remembers the days it saw; used by
 * one thread only.
 */
public final class DayPartitions implements EventTable {
    static final int RECENT_DAYS = 31;
    private static final long SECONDS_PER_DAY = 86_400;

    private final DataSource dataSource;
    private final EventPartitions partitions = new EventPartitions();
    private final boolean eventsKeptForEver;
    private final Clock clock;
    private final Set<LocalDate> known = new HashSet<>();

    public DayPartitions(DataSource dataSource, boolean eventsKeptForEver, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.eventsKeptForEver = eventsKeptForEver;
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public void prepareFor(List<Event> events) throws StoreException {
        Set<LocalDate> days = unknownDays(events);
        if (days.isEmpty()) {
            return;
        }
        LocalDate recent =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(RECENT_DAYS);
        List<LocalDate> ownPartition = new ArrayList<>();
        Map<LocalDate, List<LocalDate>> bySpan = new TreeMap<>();
        for (LocalDate day : days) {
            if (day.isBefore(recent)) {
                bySpan.computeIfAbsent(spanStart(day), start -> new ArrayList<>()).add(day);
            } else {
                ownPartition.add(day);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (Map.Entry<LocalDate, List<LocalDate>> span : bySpan.entrySet()) {
                LocalDate end = spanEnd(span.getKey());
                if (!partitions.createSpan(
                        connection, span.getKey(), end.isAfter(recent) ? recent : end)) {
                    // Some of its days have partitions already: the others get theirs.
                    ownPartition.addAll(span.getValue());
                }
            }
            partitions.create(connection, ownPartition);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        known.addAll(days);
    }

    /** The UTC days of {@code events} not seen before; a batch's events are mostly of one day. */
    private Set<LocalDate> unknownDays(List<Event> events) {
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
        return days;
    }

    private LocalDate spanStart(LocalDate day) {
        return eventsKeptForEver
                ? day.with(TemporalAdjusters.firstDayOfYear())
                : day.with(TemporalAdjusters.firstDayOfMonth());
    }

    private LocalDate spanEnd(LocalDate start) {
        return eventsKeptForEver ? start.plusYears(1) : start.plusMonths(1);
    }

    @Override
    public void forget() {
        known.clear();
    }
}
