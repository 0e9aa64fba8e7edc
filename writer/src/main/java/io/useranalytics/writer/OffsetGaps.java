package io.useranalytics.writer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.common.health.ReadinessCheck;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.StoreFailure;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions whose stored offset the log no longer holds, and what becomes of them under the
 * operator's {@link OffsetGapPolicy}: each gap is logged at ERROR once and counted; under WAIT the
 * partition waits and readiness names it, under SKIP the gap is recorded as accepted and the
 * partition resumes at the log start. Called from the poll thread; read by readiness checks.
 */
final class OffsetGaps {
    private static final Logger log = LoggerFactory.getLogger(OffsetGaps.class);

    private final OffsetGapPolicy policy;
    private final PartitionOffsets offsets;
    private final Counter gaps;
    private final Counter missing;
    private final Map<TopicPartition, StartingPoint.Gap> waiting = new ConcurrentHashMap<>();

    /** Gaps already logged and counted, as partition, kind and stored offset: the log may grow. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    OffsetGaps(OffsetGapPolicy policy, PartitionOffsets offsets, MeterRegistry registry) {
        this.policy = Objects.requireNonNull(policy, "policy == null");
        this.offsets = Objects.requireNonNull(offsets, "offsets == null");
        this.gaps =
                Counter.builder("writer.offset.gaps")
                        .description(
                                "partitions found with a stored offset the log no longer holds")
                        .register(registry);
        this.missing =
                Counter.builder("writer.offset.gap.records")
                        .description(
                                "records deleted before the writer read them, where the log can tell")
                        .register(registry);
        Gauge.builder("writer.partitions.waiting.on.gap", waiting, Map::size)
                .description("partitions paused until the operator accepts their offset gap")
                .register(registry);
    }

    /**
     * Reports a gap once and applies the policy.
     *
     * @return where to resume the partition, or empty if it waits
     * @throws StoreException if accepting the gap could not be stored
     */
    Optional<Long> handle(StartingPoint.Gap gap, String topicId) throws StoreException {
        if (reported.add(gap.partition() + " " + gap.kind() + " " + gap.storedNext())) {
            gaps.increment();
            gap.missing().ifPresent(missing::increment);
            log.error(
                    "offset gap on {}. {}",
                    gap.describe(),
                    policy == OffsetGapPolicy.WAIT
                            ? "Nothing of this partition is read until the gap is accepted:"
                                    + " restart the writer with WRITER_OFFSET_GAP=skip to resume at"
                                    + " the log start"
                            : "WRITER_OFFSET_GAP=skip: accepting it, resuming at offset "
                                    + gap.logStart()
                                    + " and skipping "
                                    + skipped(gap.missing()));
        }
        if (policy == OffsetGapPolicy.WAIT) {
            waiting.put(gap.partition(), gap);
            return Optional.empty();
        }
        if (!offsets.acceptGap(gap.partition(), gap.storedNext(), gap.logStart(), topicId)) {
            throw new StoreException(
                    "the stored offset of " + gap.partition() + " moved while accepting its gap",
                    StoreFailure.OTHER);
        }
        return Optional.of(gap.logStart());
    }

    boolean isWaiting(TopicPartition partition) {
        return waiting.containsKey(partition);
    }

    /** Partitions this writer no longer owns: whoever gets them finds their gaps anew. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(waiting::remove);
    }

    ReadinessCheck readiness() {
        return new ReadinessCheck("offsets", this::blocker);
    }

    private Optional<String> blocker() {
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        String partitions =
                waiting.values().stream()
                        .sorted(Comparator.comparing(gap -> gap.partition().toString()))
                        .map(gap -> gap.partition() + " at stored offset " + gap.storedNext())
                        .collect(Collectors.joining(", "));
        return Optional.of("waiting on an offset gap (WRITER_OFFSET_GAP=wait): " + partitions);
    }

    private static String skipped(OptionalLong missing) {
        return missing.isPresent()
                ? missing.getAsLong() + " offsets"
                : "an unknown number of records of the old log";
    }
}
