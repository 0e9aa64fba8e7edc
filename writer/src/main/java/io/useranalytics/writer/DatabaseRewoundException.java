package io.useranalytics.writer;

import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * A partition's stored offset is behind where this writer left it, or gone: the database is not the
 * one the writer wrote to (a standby promoted before it had every commit, a backup restored).
 * Nothing of the batch was written; everything read after the stored offset must be read again.
 */
final class DatabaseRewoundException extends BatchWriteException {
    private final TopicPartition partition;
    private final Optional<Long> stored;
    private final long expected;

    DatabaseRewoundException(TopicPartition partition, Optional<Long> stored, long expected) {
        super(
                "stored offset of "
                        + partition
                        + " is "
                        + stored.map(String::valueOf).orElse("gone")
                        + " where this writer stored "
                        + expected
                        + ": the database went back in time",
                null);
        this.partition = partition;
        this.stored = stored;
        this.expected = expected;
    }

    TopicPartition partition() {
        return partition;
    }

    /** How many offsets will be read again: from the stored offset (or the log start) on. */
    long rewoundBy() {
        return expected - stored.orElse(0L);
    }
}
