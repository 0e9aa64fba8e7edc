package io.useranalytics.writer;

import io.useranalytics.store.offsets.OffsetRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Collects decoded records until a batch is due: {@code maxRecords} records, or {@code maxAge}
 * after the first one. Each partition's range in a batch starts where the one before it ended (or
 * where the partition was sought to), not at its first record: offsets between two batches (a
 * transaction's markers) belong to one of them, so the stored offsets advance without a gap. No
 * I/O. Mutable; used by the poll thread only.
 */
final class BatchAccumulator {
    private final int maxRecords;
    private final Duration maxAge;
    private List<Decoded.Valid> valid = new ArrayList<>();
    private List<Decoded.Rejected> rejects = new ArrayList<>();
    private Map<TopicPartition, OffsetRange> offsets = new HashMap<>();
    private Optional<Instant> firstAdded = Optional.empty();

    /** Per partition, the offset the next batch's range starts at. */
    private final Map<TopicPartition, Long> cursors = new HashMap<>();

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

    /** The partition was sought to {@code offset}: its next range starts there. */
    void startAt(TopicPartition partition, long offset) {
        cursors.put(partition, offset);
    }

    /** Partitions no longer read. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(cursors::remove);
    }

    /** Returns what was collected and starts empty. */
    Batch drain() {
        Map<TopicPartition, OffsetRange> ranges = new HashMap<>();
        offsets.forEach(
                (partition, range) -> {
                    Long cursor = cursors.get(partition);
                    OffsetRange joined =
                            cursor != null && cursor < range.first()
                                    ? new OffsetRange(cursor, range.next())
                                    : range;
                    ranges.put(partition, joined);
                    cursors.put(partition, range.next());
                });
        Batch batch = new Batch(valid, rejects, ranges);
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
