package io.useranalytics.store.offsets;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of advancing the stored offsets past a batch: done, or refused at the first partition
 * whose stored offset is not where the batch starts. A refused advance wrote nothing the caller
 * should commit.
 */
public sealed interface Advance {
    /** Every partition's stored offset now follows the batch. */
    record Done() implements Advance {}

    /**
     * The stored offset is already past the start of the batch: another writer, or an earlier
     * attempt, committed it.
     */
    record Stale(PartitionKey partition, long stored, long expected) implements Advance {
        public Stale {
            Objects.requireNonNull(partition, "partition == null");
        }
    }

    /**
     * The stored offset is behind the start of the batch, or gone: the database is not the one the
     * writer wrote to (a promoted standby, a restored backup), and what it lost must be read again.
     */
    record Rewound(PartitionKey partition, Optional<Long> stored, long expected)
            implements Advance {
        public Rewound {
            Objects.requireNonNull(partition, "partition == null");
            Objects.requireNonNull(stored, "stored == null");
        }
    }
}
