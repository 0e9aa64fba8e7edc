package io.useranalytics.store.batch;

import io.useranalytics.record.Event;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.eventids.EventIdRegistry;
import io.useranalytics.store.events.EventBlocks;
import io.useranalytics.store.events.EventTable;
import io.useranalytics.store.offsets.Advance;
import io.useranalytics.store.offsets.OffsetStore;
import io.useranalytics.store.retention.Retains;
import io.useranalytics.store.rollup.BucketKey;
import io.useranalytics.store.rollup.BucketSummary;
import io.useranalytics.store.rollup.RollupDeltas;
import io.useranalytics.store.rollup.RollupStore;
import io.useranalytics.store.users.FirstEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Writes one batch in one transaction, in the order its locks need: the offsets that follow it
 * (refused if the batch is stale or the database went back), the client event ids it claims (events
 * whose id is stored already are retries and dropped), its events by binary COPY ({@link
 * EventBlocks}), what they add to the rollups, and its users' first events ({@link FirstEvents}).
 * Before the transaction, the events table is readied for the batch's days ({@link EventTable}).
 * What the retention would remove at its next run is not written ({@link Retains}). On failure the
 * transaction is rolled back.
 */
public final class BatchTransaction {
    private final DataSource dataSource;
    private final EventTable table;
    private final OffsetStore offsets;
    private final EventIdRegistry eventIds = new EventIdRegistry();
    private final RollupStore rollups = new RollupStore();
    private final FirstEvents firstEvents = new FirstEvents();

    public BatchTransaction(DataSource dataSource, EventTable table, OffsetStore offsets) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.table = Objects.requireNonNull(table, "table == null");
        this.offsets = Objects.requireNonNull(offsets, "offsets == null");
    }

    /**
     * Writes {@code batch}, keeping what {@code retains} keeps; {@code timer} hears how long each
     * phase took.
     */
    public BatchOutcome write(BatchRows batch, Retains retains, BatchPhase.PhaseTimer timer)
            throws StoreException {
        table.prepareFor(RawRows.kept(batch.events(), retains));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return write(connection, batch, retains, new Laps(timer));
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                table.forget();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private BatchOutcome write(Connection connection, BatchRows batch, Retains retains, Laps laps)
            throws SQLException {
        Advance advance = offsets.advance(connection, batch.offsets());
        laps.lap(BatchPhase.OFFSETS);
        if (!(advance instanceof Advance.Done)) {
            connection.rollback();
            if (advance instanceof Advance.Rewound) {
                table.forget(); // partitions it knew of may be gone with the rest
            }
            return new BatchOutcome.Refused(advance);
        }
        List<Event> firstSeen = eventIds.firstSeen(connection, batch.events());
        laps.lap(BatchPhase.EVENT_IDS);
        long[] userIds = idsInOrder(firstSeen, batch);
        copy(connection, RawRows.of(firstSeen, userIds, retains));
        laps.lap(BatchPhase.COPY);
        rollups.add(connection, batch.rollupShard(), rollupsOf(firstSeen, userIds, retains));
        laps.lap(BatchPhase.ROLLUPS);
        firstEvents.lower(connection, firstSeen, userIds);
        laps.lap(BatchPhase.FIRST_EVENTS);
        connection.commit();
        laps.lap(BatchPhase.COMMIT);
        return new BatchOutcome.Stored(firstSeen.size());
    }

    /**
     * Streams the rows to the server as they are encoded; only the batch's blocks (about 8 bytes an
     * event) are held in memory.
     */
    private static void copy(Connection connection, RawRows rows) throws SQLException {
        if (rows.events().isEmpty()) {
            return;
        }
        EventBlocks blocks = new EventBlocks();
        for (int i = 0; i < rows.userIds().length; i++) {
            Event event = rows.events().get(i);
            blocks.add(event.timestamp(), rows.userIds()[i], event.kind());
        }
        PGCopyOutputStream out =
                new PGCopyOutputStream(
                        connection.unwrap(PGConnection.class), EventBlocks.COPY, 1 << 16);
        try {
            blocks.writeCopy(out);
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
    private static long[] idsInOrder(List<Event> events, BatchRows batch) {
        long[] ids = new long[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = batch.userIdOf().applyAsLong(events.get(i).user());
        }
        return ids;
    }

    private static Map<BucketKey, BucketSummary> rollupsOf(
            List<Event> events, long[] userIds, Retains retains) {
        RollupDeltas deltas = new RollupDeltas();
        for (int i = 0; i < userIds.length; i++) {
            Event event = events.get(i);
            deltas.add(event.timestamp(), userIds[i], event.kind());
        }
        Map<BucketKey, BucketSummary> buckets = deltas.drain();
        buckets.keySet().removeIf(bucket -> !retains.keepsBucket(bucket));
        return buckets;
    }

    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** The events to COPY, each with its user's internal id: those the retention keeps raw. */
    private record RawRows(List<Event> events, long[] userIds) {
        static RawRows of(List<Event> events, long[] userIds, Retains retains) {
            List<Event> kept = kept(events, retains);
            if (kept == events) {
                return new RawRows(events, userIds);
            }
            long[] keptIds = new long[kept.size()];
            int next = 0;
            for (int i = 0; i < events.size(); i++) {
                if (retains.keepsEvent(events.get(i).timestamp())) {
                    keptIds[next++] = userIds[i];
                }
            }
            return new RawRows(kept, keptIds);
        }

        /** Those of {@code events} kept raw; the list itself when all are. */
        static List<Event> kept(List<Event> events, Retains retains) {
            if (events.stream().allMatch(event -> retains.keepsEvent(event.timestamp()))) {
                return events;
            }
            return events.stream().filter(event -> retains.keepsEvent(event.timestamp())).toList();
        }
    }

    /** Times the phases one after the other. */
    private static final class Laps {
        private final BatchPhase.PhaseTimer timer;
        private long mark = System.nanoTime();

        Laps(BatchPhase.PhaseTimer timer) {
            this.timer = timer;
        }

        void lap(BatchPhase phase) {
            long now = System.nanoTime();
            timer.took(phase, now - mark);
            mark = now;
        }
    }
}
