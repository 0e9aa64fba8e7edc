package io.useranalytics.writer;

import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.record.EventTimestamps;
import io.useranalytics.store.users.UserIds;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a batch's new users, by the id given, in a transaction of their own, and returns every
 * user's internal id. It commits before the batch's events are written, so the poll thread adds the
 * next batch's users while the store thread writes this batch. A user whose events then fail to
 * commit stays, without events, and is found again when they are retried: nothing counts users from
 * this table. Used by the poll thread only.
 */
final class NewUsers {
    private static final Logger log = LoggerFactory.getLogger(NewUsers.class);

    private final DataSource dataSource;
    private final UserRegistry users;
    private final BatchPhase phase;

    NewUsers(DataSource dataSource, UserRegistry users, MeterRegistry registry) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.users = Objects.requireNonNull(users, "users == null");
        this.phase = new BatchPhase(registry, "users");
    }

    ReadyBatch add(Batch batch) throws BatchWriteException {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                UserRegistry.BatchUsers ids = idsFor(connection, batch);
                connection.commit();
                users.committed(ids);
                return new ReadyBatch(withoutUnstored(batch, ids), ids);
            } catch (SQLException | RuntimeException e) {
                Transactions.rollBack(connection, e);
                throw new BatchWriteException(
                        "adding the users of a batch of "
                                + batch.events().size()
                                + " events failed",
                        e);
            }
        } catch (SQLException e) {
            throw new BatchWriteException(
                    "no database connection for a batch of " + batch.events().size() + " events",
                    e);
        } finally {
            phase.lap(started);
        }
    }

    /**
     * The batch with every event whose user the database holds under other text than was sent
     * turned into a reject: stored, it would count under another user's id.
     */
    private static Batch withoutUnstored(Batch batch, UserRegistry.BatchUsers ids) {
        List<Decoded.Rejected> refused = new ArrayList<>();
        for (Decoded.Valid record : batch.valid()) {
            if (!ids.has(record.event().user())) {
                refused.add(
                        record.refused(
                                "user: the database did not store user '"
                                        + EventTimestamps.shorten(record.event().user())
                                        + "' as sent"));
            }
        }
        return refused.isEmpty() ? batch : batch.refusing(refused);
    }

    /** The database went back in time: ids remembered from it may now be another user's. */
    void forgetKnownUsers() {
        users.forgetKnown();
    }

    private UserRegistry.BatchUsers idsFor(Connection connection, Batch batch) throws SQLException {
        try {
            return users.idsFor(connection, batch.users());
        } catch (SQLException e) {
            if (!UserIds.isRace(e)) {
                throw e;
            }
            log.debug("another writer added some of the same users; adding them again", e);
            connection.rollback();
            return users.idsBesideOtherWriters(connection, batch.users());
        }
    }
}
