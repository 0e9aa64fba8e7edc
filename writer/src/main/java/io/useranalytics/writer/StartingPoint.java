package io.useranalytics.writer;

import io.useranalytics.store.offsets.StoredOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Where reading a partition starts: at its stored offset, or nowhere yet because the log no longer
 * holds that offset. Decided from the stored offset and the log as the broker has it now.
 */
sealed interface StartingPoint {
    /** Read on from {@code offset}: nothing between the stored offset and it is missing. */
    record Resume(long offset) implements StartingPoint {}

    /** The stored offset is not in the log; reading on would skip records without a word. */
    record Gap(TopicPartition partition, Kind kind, long storedNext, long logStart, long logEnd)
            implements StartingPoint {
        /** How many records were never read, where the log can tell. */
        OptionalLong missing() {
            return kind == Kind.RECORDS_DELETED
                    ? OptionalLong.of(logStart - storedNext)
                    : OptionalLong.empty();
        }

        String describe() {
            String where =
                    partition
                            + ": stored offset "
                            + storedNext
                            + ", log from "
                            + logStart
                            + " to "
                            + logEnd;
            return switch (kind) {
                case RECORDS_DELETED ->
                        where
                                + ": "
                                + missing().getAsLong()
                                + " records (offsets "
                                + storedNext
                                + " to "
                                + (logStart - 1)
                                + ") were deleted before the writer read them (retention?)";
                case LOG_REPLACED ->
                        where
                                + ": the log is not the one the writer read (its data was lost, or the"
                                + " topic was created again); how many records are missing is unknown";
            };
        }
    }

    enum Kind {
        /** The log starts after the stored offset: unread records were deleted. */
        RECORDS_DELETED,
        /** Another topic id, or a log that ends before the stored offset. */
        LOG_REPLACED
    }

    /** The starting point of a partition with no stored offset is the log start. */
    static StartingPoint of(
            TopicPartition partition,
            Optional<StoredOffset> stored,
            String topicId,
            long logStart,
            long logEnd) {
        if (stored.isEmpty()) {
            return new Resume(logStart);
        }
        long next = stored.get().next();
        boolean otherTopic = stored.get().topicId().filter(id -> !id.equals(topicId)).isPresent();
        if (otherTopic || next > logEnd) {
            return new Gap(partition, Kind.LOG_REPLACED, next, logStart, logEnd);
        }
        if (next < logStart) {
            return new Gap(partition, Kind.RECORDS_DELETED, next, logStart, logEnd);
        }
        return new Resume(next);
    }
}
