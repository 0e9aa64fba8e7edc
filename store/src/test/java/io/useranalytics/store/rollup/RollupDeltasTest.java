package io.useranalytics.store.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.record.EventKind;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class RollupDeltasTest {
    private static final Instant TEN = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void each_bucket_holds_the_distinct_users_and_the_counts_of_its_events() {
        RollupDeltas deltas = new RollupDeltas();
        deltas.add(TEN.plusMillis(200), 7, EventKind.CLICK);
        deltas.add(TEN.plusMillis(900), 3, EventKind.IMPRESSION);
        deltas.add(TEN.plusMillis(950), 7, EventKind.IMPRESSION);
        deltas.add(TEN.plusSeconds(61), 5, EventKind.CLICK);

        Map<BucketKey, BucketSummary> drained = deltas.drain();

        BucketSummary firstSecond = drained.get(new BucketKey(Granularity.SECOND, TEN));
        assertThat(firstSecond.clicks()).isEqualTo(1);
        assertThat(firstSecond.impressions()).isEqualTo(2);
        assertThat(firstSecond.users().toArray()).containsExactly(3, 7);
        BucketSummary secondMinute =
                drained.get(new BucketKey(Granularity.MINUTE, TEN.plusSeconds(60)));
        assertThat(secondMinute.users().toArray()).containsExactly(5);
        BucketSummary hour = drained.get(new BucketKey(Granularity.HOUR, TEN));
        assertThat(hour.clicks()).isEqualTo(2);
        assertThat(hour.impressions()).isEqualTo(2);
        assertThat(hour.users().toArray()).containsExactly(3, 5, 7);
        assertThat(
                        drained.get(
                                new BucketKey(
                                        Granularity.DAY, Instant.parse("2024-05-01T00:00:00Z"))))
                .isEqualTo(hour);
        assertThat(drained).hasSize(2 + 2 + 1 + 1);
    }

    @Test
    void many_users_in_no_order_and_repeated_make_the_bitmap_of_the_distinct_ones() {
        RollupDeltas deltas = new RollupDeltas();
        Random random = new Random(11);
        TreeSet<Integer> expected = new TreeSet<>();
        for (int i = 0; i < 50_000; i++) {
            int user = random.nextInt(200_000);
            expected.add(user);
            deltas.add(TEN.plusMillis(random.nextInt(1_000)), user, EventKind.CLICK);
        }

        RoaringBitmap users = deltas.drain().get(new BucketKey(Granularity.SECOND, TEN)).users();

        assertThat(users.getCardinality()).isEqualTo(expected.size());
        assertThat(users.toArray())
                .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void drain_starts_empty_again() {
        RollupDeltas deltas = new RollupDeltas();
        deltas.add(TEN, 1, EventKind.CLICK);
        deltas.drain();
        deltas.add(TEN, 2, EventKind.IMPRESSION);

        BucketSummary second = deltas.drain().get(new BucketKey(Granularity.SECOND, TEN));

        assertThat(second.users().toArray()).containsExactly(2);
        assertThat(second.clicks()).isZero();
        assertThat(deltas.events()).isZero();
    }
}
