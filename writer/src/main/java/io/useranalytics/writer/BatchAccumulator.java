package io.useranalytics.writer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Collects decoded records until a batch is due: {@code maxRecords} records, or {@code maxAge}
 * after the first one. No I/O. Mutable; used by the poll thread only.
 */
final class BatchAccumulator {
    private final int maxRecords;
    private final Duration maxAge;
    private List<Decoded.Valid> valid = new ArrayList<>();
    private List<Decoded.Rejected> rejects = new ArrayList<>();
    private Map<TopicPartition, OffsetRange> offsets = new HashMap<>();
    private Optional<Instant> firstAdded = Optional.empty();

    BatchAccumulator(int maxRecords, Duration maxAge) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords < 1: " + maxRecords);
        }
        this.maxRecords = maxRecords;
        this.maxAge = maxAge;
    }

    void add(Decoded decoded, Instant now) {
        if (decoded instanceof Decoded.Valid event) {
            valid.add(event);
        } else if (decoded instanceof Decoded.Rejected rejected) {
            rejects.add(rejected);
        }
        offsets.merge(
                decoded.partition(),
                new OffsetRange(decoded.offset(), decoded.offset() + 1),
                (known, added) -> known.including(added.first()));
        if (firstAdded.isEmpty()) {
            firstAdded = Optional.of(now);
        }
    }

    boolean isEmpty() {
        return firstAdded.isEmpty();
    }

    boolean isDue(Instant now) {
        return valid.size() + rejects.size() >= maxRecords
                || firstAdded.map(first -> !now.isBefore(first.plus(maxAge))).orElse(false);
    }

    /** How long until the batch is due by age; {@code maxAge} when empty. */
    Duration timeUntilDue(Instant now) {
        return firstAdded
                .map(first -> Duration.between(now, first.plus(maxAge)))
                .map(left -> left.isNegative() ? Duration.ZERO : left)
                .orElse(maxAge);
    }

    /** Returns what was collected and starts empty. */
    Batch drain() {
        Batch batch = new Batch(valid, rejects, offsets);
        discard();
        return batch;
    }

    /** Forgets what was collected: its partitions will be read again from the stored offsets. */
    void discard() {
        valid = new ArrayList<>();
        rejects = new ArrayList<>();
        offsets = new HashMap<>();
        firstAdded = Optional.empty();
    }
}
