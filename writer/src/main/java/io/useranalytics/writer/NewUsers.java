package io.useranalytics.writer;

import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.record.EventTimestamps;
import io.useranalytics.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adds a batch's new users, by the id given, in a transaction of their own ({@link UserRegistry}),
 * and returns every user's internal id. It commits before the batch's events are written, so the
 * poll thread adds the next batch's users while the store thread writes this batch. A user whose
 * events then fail to commit stays, without events, and is found again when they are retried:
 * nothing counts users from this table. Used by the poll thread only.
 */
final class NewUsers {
    private final UserRegistry users;
    private final BatchPhaseTimer phase;

    NewUsers(UserRegistry users, MeterRegistry registry) {
        this.users = Objects.requireNonNull(users, "users == null");
        this.phase = new BatchPhaseTimer(registry, "users");
    }

    ReadyBatch add(Batch batch) throws BatchWriteException {
        long started = System.nanoTime();
        try {
            UserRegistry.BatchUsers ids = users.idsFor(batch.users());
            return new ReadyBatch(withoutUnstored(batch, ids), ids);
        } catch (StoreException e) {
            throw new BatchWriteException(
                    "adding the users of a batch of " + batch.events().size() + " events failed",
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
}
