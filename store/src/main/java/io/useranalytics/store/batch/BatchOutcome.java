package io.useranalytics.store.batch;

import io.useranalytics.store.offsets.Advance;
import java.util.Objects;

/** What became of a batch's transaction when the database answered. */
public sealed interface BatchOutcome {
    /** Committed: {@code events} stored, the batch's less the retries it dropped. */
    record Stored(int events) implements BatchOutcome {}

    /**
     * Rolled back, nothing written: a stored offset is not where the batch starts ({@link
     * Advance.Stale} or {@link Advance.Rewound}).
     */
    record Refused(Advance refusal) implements BatchOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal == null");
        }
    }
}
