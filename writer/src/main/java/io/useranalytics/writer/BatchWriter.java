package io.useranalytics.writer;

import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.record.Event;
import io.useranalytics.store.eventids.EventIdRegistry;
import io.useranalytics.store.rollup.BucketKey;
import io.useranalytics.store.rollup.BucketSummary;
import io.useranalytics.store.rollup.RollupDeltas;
import io.useranalytics.store.rollup.RollupStore;
import io.useranalytics.writer.retention.RetentionConfig;
import io.useranalytics.writer.retention.RetentionCutoffs;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Writes one batch in one transaction: the offsets that follow it (refused if the batch is stale),
 * the client event ids it claims (events whose id is already stored are retries and dropped), its
 * events through COPY, and what they add to the rollups. What the retention would remove at its
 * next run is not written: raw events and rollup buckets older than their cutoffs ({@link
 * RetentionCutoffs}). Its users are in the database already ({@link NewUsers}). On failure the
 * transaction is rolled back and the caller decides what next.
 */
final class BatchWriter {
    private final DataSource dataSource;
    private final EventIdRegistry eventIds = new EventIdRegistry();
    private final CopyEncoder encoder;
    private final EventTable table;
    private final PartitionOffsets offsets;
    private final RollupStore rollups = new RollupStore();
    private final RetentionConfig retention;
    private final Clock clock;
    private final Phases phases;

    BatchWriter(
            DataSource dataSource,
            CopyEncoder encoder,
            EventTable table,
            PartitionOffsets offsets,
            RetentionConfig retention,
            Clock clock,
            MeterRegistry registry) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.encoder = Objects.requireNonNull(encoder, "encoder == null");
        this.table = Objects.requireNonNull(table, "table == null");
        this.offsets = Objects.requireNonNull(offsets, "offsets == null");
        this.retention = Objects.requireNonNull(retention, "retention == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.phases = new Phases(registry);
    }

    /** Returns how many events were stored: the batch's less the retries it dropped. */
    int write(ReadyBatch ready) throws BatchWriteException {
        Batch batch = ready.batch();
        RetentionCutoffs cutoffs = RetentionCutoffs.at(retention, clock.instant());
        try {
            table.prepareFor(rawKept(batch.events(), cutoffs));
        } catch (SQLException e) {
            throw new BatchWriteException(
                    "preparing the events table for a batch of "
                            + batch.events().size()
                            + " events failed",
                    e);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long mark = System.nanoTime();
                offsets.advance(connection, batch.offsets());
                mark = phases.offsets.lap(mark);
                List<Event> firstSeen = eventIds.firstSeen(connection, batch.events());
                mark = phases.eventIds.lap(mark);
                long[] userIds = idsInOrder(firstSeen, ready.users());
                copy(connection, RawRows.kept(firstSeen, userIds, cutoffs));
                mark = phases.copy.lap(mark);
                rollups.add(
                        connection, batch.rollupShard(), rollupsOf(firstSeen, userIds, cutoffs));
                mark = phases.rollups.lap(mark);
                connection.commit();
                phases.commit.lap(mark);
                return firstSeen.size();
            } catch (StaleBatchException e) {
                Transactions.rollBack(connection, e);
                throw e;
            } catch (DatabaseRewoundException e) {
                Transactions.rollBack(connection, e);
                table.forget();
                throw e;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollBack(connection, e);
                table.forget();
                throw new BatchWriteException(
                        "writing a batch of " + batch.events().size() + " events failed", e);
            }
        } catch (SQLException e) {
            throw new BatchWriteException(
                    "no database connection for a batch of " + batch.events().size() + " events",
                    e);
        }
    }

    /**
     * Streams the rows to the server as they are encoded; only the batch's blocks (about 8 bytes an
     * event) are held in memory.
     */
    private void copy(Connection connection, RawRows rows) throws SQLException {
        if (rows.events().isEmpty()) {
            return;
        }
        PGCopyOutputStream out =
                new PGCopyOutputStream(
                        connection.unwrap(PGConnection.class), CopyEncoder.COPY_EVENTS, 1 << 16);
        try {
            encoder.encode(rows.events(), rows.userIds(), out);
            out.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (out.isActive()) {
                try {
                    out.cancelCopy();
                } catch (SQLException cancelFailed) {
                    e.addSuppressed(cancelFailed);
                }
            }
            throw e;
        }
    }

    /** The internal user id of each event, in the events' order: looked up once per event. */
    private static long[] idsInOrder(List<Event> events, UserRegistry.BatchUsers users) {
        long[] ids = new long[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = users.idOf(events.get(i).user());
        }
        return ids;
    }

    private static Map<BucketKey, BucketSummary> rollupsOf(
            List<Event> events, long[] userIds, RetentionCutoffs cutoffs) {
        RollupDeltas deltas = new RollupDeltas();
        for (int i = 0; i < userIds.length; i++) {
            Event event = events.get(i);
            deltas.add(event.timestamp(), userIds[i], event.kind());
        }
        Map<BucketKey, BucketSummary> buckets = deltas.drain();
        buckets.keySet().removeIf(bucket -> !cutoffs.keepsBucket(bucket));
        return buckets;
    }

    /** Those of {@code events} the retention keeps raw; the list itself when it keeps them all. */
    private static List<Event> rawKept(List<Event> events, RetentionCutoffs cutoffs) {
        if (events.stream().allMatch(event -> cutoffs.keepsEvent(event.timestamp()))) {
            return events;
        }
        return events.stream().filter(event -> cutoffs.keepsEvent(event.timestamp())).toList();
    }

    /** The events to COPY, each with its user's internal id: those the retention keeps. */
    private record RawRows(List<Event> events, long[] userIds) {
        static RawRows kept(List<Event> events, long[] userIds, RetentionCutoffs cutoffs) {
            List<Event> kept = rawKept(events, cutoffs);
            if (kept == events) {
                return new RawRows(events, userIds);
            }
            long[] keptIds = new long[kept.size()];
            int next = 0;
            for (int i = 0; i < events.size(); i++) {
                if (cutoffs.keepsEvent(events.get(i).timestamp())) {
                    keptIds[next++] = userIds[i];
                }
            }
            return new RawRows(kept, keptIds);
        }
    }

    /** The phases of the store thread's transaction. */
    private static final class Phases {
        final BatchPhase offsets;
        final BatchPhase eventIds;
        final BatchPhase copy;
        final BatchPhase rollups;
        final BatchPhase commit;

        Phases(MeterRegistry registry) {
            offsets = new BatchPhase(registry, "offsets");
            eventIds = new BatchPhase(registry, "event_ids");
            copy = new BatchPhase(registry, "copy");
            rollups = new BatchPhase(registry, "rollups");
            commit = new BatchPhase(registry, "commit");
        }
    }
}
