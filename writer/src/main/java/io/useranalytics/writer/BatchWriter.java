package io.useranalytics.writer;

import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.batch.BatchOutcome;
import io.useranalytics.store.batch.BatchPhase;
import io.useranalytics.store.batch.BatchRows;
import io.useranalytics.store.batch.BatchTransaction;
import io.useranalytics.writer.retention.RetentionConfig;
import io.useranalytics.writer.retention.RetentionCutoffs;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one batch in one transaction of the store ({@link BatchTransaction}): its offsets, event
 * ids, events and rollups, less what the retention would remove at its next run ({@link
 * RetentionCutoffs}). Its users are in the database already ({@link NewUsers}). A refused advance
 * of the offsets becomes the exception the poll loop handles ({@link StaleBatchException}, {@link
 * DatabaseRewoundException}); any other failure a {@link BatchWriteException}.
 */
final class BatchWriter {
    private final BatchTransaction transaction;
    private final RetentionConfig retention;
    private final Clock clock;
    private final Map<BatchPhase, BatchPhaseTimer> phases = new EnumMap<>(BatchPhase.class);

    BatchWriter(
            BatchTransaction transaction,
            RetentionConfig retention,
            Clock clock,
            MeterRegistry registry) {
        this.transaction = Objects.requireNonNull(transaction, "transaction == null");
        this.retention = Objects.requireNonNull(retention, "retention == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        for (BatchPhase phase : BatchPhase.values()) {
            phases.put(phase, new BatchPhaseTimer(registry, phase.tag()));
        }
    }

    /** Returns how many events were stored: the batch's less the retries it dropped. */
    int write(ReadyBatch ready) throws BatchWriteException {
        Batch batch = ready.batch();
        BatchOutcome outcome;
        try {
            outcome =
                    transaction.write(
                            new BatchRows(
                                    PartitionOffsets.keyed(batch.offsets()),
                                    batch.events(),
                                    ready.users()::idOf,
                                    batch.rollupShard()),
                            RetentionCutoffs.at(retention, clock.instant()),
                            (phase, nanos) -> phases.get(phase).record(nanos));
        } catch (StoreException e) {
            throw new BatchWriteException(
                    "writing a batch of " + batch.events().size() + " events failed", e);
        }
        if (outcome instanceof BatchOutcome.Refused refused) {
            throw PartitionOffsets.failureOf(refused.refusal());
        }
        return ((BatchOutcome.Stored) outcome).events();
    }
}
