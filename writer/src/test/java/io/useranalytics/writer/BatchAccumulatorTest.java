package io.useranalytics.writer;

import static io.useranalytics.testsupport.Events.anEvent;
import static io.useranalytics.writer.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.store.offsets.OffsetRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchAccumulatorTest {
    private static final TopicPartition P0 = new TopicPartition("analytics.events", 0);
    private static final TopicPartition P1 = new TopicPartition("analytics.events", 1);
    private final Instant t0 = Instant.parse("2026-11-27T12:00:00Z");
    private final BatchAccumulator accumulator = new BatchAccumulator(3, Duration.ofMillis(200));

    @Test
    void is_due_when_full() {
        accumulator.add(valid(P0, 0), t0);
        accumulator.add(valid(P0, 1), t0);
        assertThat(accumulator.isDue(t0)).isFalse();

        accumulator.add(valid(P1, 0), t0);

        assertThat(accumulator.isDue(t0)).isTrue();
    }

    @Test
    void is_due_when_the_first_record_is_old_enough() {
        accumulator.add(valid(P0, 0), t0);

        assertThat(accumulator.isDue(t0.plusMillis(199))).isFalse();
        assertThat(accumulator.timeUntilDue(t0.plusMillis(150))).isEqualTo(Duration.ofMillis(50));
        assertThat(accumulator.isDue(t0.plusMillis(200))).isTrue();
    }

    @Test
    void an_empty_accumulator_is_never_due() {
        assertThat(accumulator.isEmpty()).isTrue();
        assertThat(accumulator.isDue(t0.plusSeconds(3600))).isFalse();
    }

    @Test
    void drain_returns_events_rejects_and_the_offset_range_per_partition_then_starts_empty() {
        accumulator.add(valid(P0, 5), t0);
        accumulator.add(valid(P0, 4), t0);
        Decoded.Rejected rejected = new Decoded.Rejected("value: bad", record(0, 6, "x"));
        accumulator.add(rejected, t0);
        accumulator.add(valid(P1, 9), t0);

        Batch batch = accumulator.drain();

        assertThat(batch.events()).hasSize(3);
        assertThat(batch.rejects()).containsExactly(rejected);
        assertThat(batch.offsets())
                .isEqualTo(Map.of(P0, new OffsetRange(4, 7), P1, new OffsetRange(9, 10)));
        assertThat(accumulator.isEmpty()).isTrue();
        assertThat(accumulator.drain().size()).isZero();
    }

    @Test
    void batch_users_are_distinct_and_sorted() {
        accumulator.add(new Decoded.Valid(anEvent().user("b").build(), P0, 0), t0);
        accumulator.add(new Decoded.Valid(anEvent().user("a").build(), P0, 1), t0);
        accumulator.add(new Decoded.Valid(anEvent().user("b").build(), P0, 2), t0);

        assertThat(accumulator.drain().users()).containsExactly("a", "b");
    }

    private static Decoded.Valid valid(TopicPartition partition, long offset) {
        return new Decoded.Valid(anEvent().build(), partition, offset);
    }
}
