package io.useranalytics.store.events;

import io.useranalytics.store.SqlTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The partitions of table event_blocks in plain PostgreSQL mode: {@code event_blocks_YYYYMMDD}
 * holds the events of one UTC day, {@code event_blocks_YYYYMMDD_YYYYMMDD} those of a longer span of
 * days (for events that arrive long after their day: one partition and its files for many days).
 * Created before their first event is stored, dropped whole once past the retention.
 */
public final class EventPartitions {
    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("'event_blocks_'yyyyMMdd");
    private static final DateTimeFormatter SPAN_END = DateTimeFormatter.ofPattern("'_'yyyyMMdd");
    private static final String DUPLICATE_TABLE = "42P07";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String OVERLAPS = "42P17";
    private static final String ENDING_BY =
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " WHERE i.inhparent = to_regclass('event_blocks')"
                    + " AND substring(pg_get_expr(c.relpartbound, c.oid)"
                    + " FROM 'TO \\(''([^'']+)''\\)')::timestamptz <= ?"
                    + " ORDER BY 1";

    /** Whether the event blocks of the connection's schema are partitioned (plain mode). */
    public boolean isPartitioned(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row =
                        statement.executeQuery(
                                "SELECT relkind FROM pg_class WHERE oid = to_regclass('event_blocks')")) {
            return row.next() && row.getString(1).equals("p");
        }
    }

    /** The UTC days of {@code instants}. */
    public static Set<LocalDate> daysOf(Collection<Instant> instants) {
        Set<LocalDate> days = new HashSet<>();
        for (Instant instant : instants) {
            days.add(LocalDate.ofInstant(instant, ZoneOffset.UTC));
        }
        return days;
    }

    /** Creates the partitions of those {@code days} that have none, each in its own statement. */
    public void create(Connection connection, Collection<LocalDate> days) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (LocalDate day : days) {
                // False when the day lies in a longer partition (of many days, or of the rows
                // stored before partitioning): then it has its partition.
                create(statement, NAME.format(day), day, day.plusDays(1));
            }
        }
    }

    /**
     * Creates one partition for the days {@code [from, until)}, unless it exists.
     *
     * @return false if another partition holds some of those days: nothing was created
     */
    public boolean createSpan(Connection connection, LocalDate from, LocalDate until)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return create(statement, NAME.format(from) + SPAN_END.format(until), from, until);
        }
    }

    /** False if the partition would overlap another; true if it was created or existed. */
    private static boolean create(Statement statement, String name, LocalDate from, LocalDate until)
            throws SQLException {
        String sql =
                String.format(
                        "CREATE TABLE IF NOT EXISTS %s PARTITION OF event_blocks"
                                + " FOR VALUES FROM ('%s') TO ('%s')",
                        name,
                        from.atStartOfDay().toInstant(ZoneOffset.UTC),
                        until.atStartOfDay().toInstant(ZoneOffset.UTC));
        try {
            statement.execute(sql);
            return true;
        } catch (SQLException e) {
            // Another writer created it between our check and our create.
            if (DUPLICATE_TABLE.equals(e.getSQLState())
                    || UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return true;
            }
            if (OVERLAPS.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Drops every partition that holds nothing from {@code cutoff} on; returns their names. */
    public List<String> dropEndingBy(Connection connection, Instant cutoff) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(ENDING_BY)) {
            select.setObject(1, SqlTime.of(cutoff));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        try (Statement drop = connection.createStatement()) {
            for (String name : names) {
                // IF EXISTS: every writer of a group runs the retention; another may be first.
                drop.execute("DROP TABLE IF EXISTS " + name);
            }
        }
        return names;
    }
}
