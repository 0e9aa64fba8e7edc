package io.useranalytics.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The server a connection reads, as a reader of it must know it: which history its data belongs to
 * (system identifier and timeline: a promotion or a point-in-time recovery starts a new timeline),
 * when it started (a restore from a base backup keeps the other two, never this), whether it is a
 * standby, and how far its replay may be behind its primary. Readable by any role, on a primary and
 * on a standby.
 *
 * @param replayLag zero on a primary and on a standby that has replayed all it received while
 *     receiving; else the time since the last transaction it replayed (or since it started): an
 *     upper bound, as a standby cannot know what its primary has not sent yet
 */
public record ServerState(
        String systemIdentifier,
        long timeline,
        String started,
        boolean standby,
        boolean receiving,
        Duration replayLag) {
    private static final String SQL =
            "SELECT s.system_identifier::text, c.timeline_id, pg_postmaster_start_time()::text,"
                    + " pg_is_in_recovery(),"
                    + " EXISTS (SELECT 1 FROM pg_stat_wal_receiver),"
                    + " pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn(),"
                    + " extract(epoch FROM clock_timestamp()"
                    + " - coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time()))"
                    + " FROM pg_control_system() s, pg_control_checkpoint() c";

    public ServerState {
        Objects.requireNonNull(systemIdentifier, "systemIdentifier == null");
        Objects.requireNonNull(started, "started == null");
        Objects.requireNonNull(replayLag, "replayLag == null");
    }

    /** {@link #read(Connection)} in a connection of its own. */
    public static ServerState read(DataSource dataSource) throws StoreException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public static ServerState read(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SQL);
                ResultSet row = select.executeQuery()) {
            row.next();
            boolean standby = row.getBoolean(4);
            boolean receiving = row.getBoolean(5);
            boolean replayedAll = row.getBoolean(6);
            Duration sinceReplayed = Duration.ofMillis(Math.round(row.getDouble(7) * 1_000));
            return new ServerState(
                    row.getString(1),
                    row.getLong(2),
                    row.getString(3),
                    standby,
                    receiving,
                    !standby || (receiving && replayedAll) ? Duration.ZERO : sinceReplayed);
        }
    }

    /** The same server since the same start: its data only moved forward. */
    public boolean isSameStartAs(ServerState other) {
        return systemIdentifier.equals(other.systemIdentifier) && started.equals(other.started);
    }

    /** For logs. */
    @Override
    public String toString() {
        return systemIdentifier
                + "/"
                + timeline
                + "/"
                + started
                + (standby ? " (standby)" : " (primary)");
    }
}
