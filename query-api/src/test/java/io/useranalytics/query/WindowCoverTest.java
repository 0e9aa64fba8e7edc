package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.store.rollup.BucketKey;
import io.useranalytics.store.rollup.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowCoverTest {
    @Test
    void a_trailing_hour_at_second_precision_needs_no_raw_edges_and_few_buckets() {
        WindowCover cover =
                WindowCover.of(
                        Instant.parse("2008-10-21T04:46:39Z"),
                        Instant.parse("2008-10-21T05:46:40Z"));

        assertThat(cover.edges()).isEmpty();
        assertThat(cover.buckets())
                .filteredOn(key -> key.granularity() == Granularity.MINUTE)
                .hasSize(59);
        assertThat(cover.buckets())
                .filteredOn(key -> key.granularity() == Granularity.SECOND)
                .hasSize(21 + 40);
    }

    @Test
    void a_calendar_hour_is_one_hour_bucket() {
        WindowCover cover =
                WindowCover.of(
                        Instant.parse("2008-10-21T05:00:00Z"),
                        Instant.parse("2008-10-21T06:00:00Z"));

        assertThat(cover.buckets())
                .containsExactly(
                        new BucketKey(Granularity.HOUR, Instant.parse("2008-10-21T05:00:00Z")));
        assertThat(cover.edges()).isEmpty();
    }

    @Test
    void a_year_is_day_buckets_with_the_hours_of_the_partial_days_on_either_side() {
        WindowCover cover =
                WindowCover.of(
                        Instant.parse("2007-10-21T05:00:00Z"),
                        Instant.parse("2008-10-21T06:00:00Z"));

        assertThat(cover.buckets())
                .filteredOn(key -> key.granularity() == Granularity.DAY)
                .hasSize(365)
                .first()
                .isEqualTo(new BucketKey(Granularity.DAY, Instant.parse("2007-10-22T00:00:00Z")));
        assertThat(cover.buckets())
                .filteredOn(key -> key.granularity() == Granularity.HOUR)
                .hasSize(19 + 6);
        assertThat(cover.buckets()).hasSize(365 + 19 + 6);
        assertThat(cover.edges()).isEmpty();
    }

    @Test
    void millisecond_bounds_leave_sub_second_edges_for_the_raw_events() {
        WindowCover cover =
                WindowCover.of(
                        Instant.parse("2008-10-21T04:46:39.250Z"),
                        Instant.parse("2008-10-21T05:46:39.251Z"));

        assertThat(cover.edges())
                .containsExactly(
                        new WindowCover.Edge(
                                Instant.parse("2008-10-21T04:46:39.250Z"),
                                Instant.parse("2008-10-21T04:46:40Z")),
                        new WindowCover.Edge(
                                Instant.parse("2008-10-21T05:46:39Z"),
                                Instant.parse("2008-10-21T05:46:39.251Z")));
    }

    @Test
    void covers_any_range_exactly_once_without_gaps_or_overlaps() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            Instant from = Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(100_000_000));
            long longest =
                    switch (random.nextInt(3)) {
                        case 0 -> 5_000;
                        case 1 -> 10_000_000;
                        default -> Duration.ofDays(400).toMillis();
                    };
            Instant to = from.plusMillis(1 + Math.floorMod(random.nextLong(), longest));

            WindowCover cover = WindowCover.of(from, to);

            Duration covered = Duration.ZERO;
            for (BucketKey key : cover.buckets()) {
                assertThat(key.start()).isAfterOrEqualTo(from);
                assertThat(key.end()).isBeforeOrEqualTo(to);
                covered = covered.plus(key.granularity().size());
            }
            for (WindowCover.Edge edge : cover.edges()) {
                assertThat(Duration.between(edge.from(), edge.endExclusive()))
                        .isLessThan(Duration.ofSeconds(1));
                covered = covered.plus(Duration.between(edge.from(), edge.endExclusive()));
            }
            assertThat(covered).as("%s .. %s", from, to).isEqualTo(Duration.between(from, to));
            assertThat(cover.edges()).hasSizeLessThanOrEqualTo(2);
        }
    }
}
