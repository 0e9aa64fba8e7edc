package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class SlidingUnionTest {
    @Test
    void every_window_counts_the_distinct_users_of_exactly_its_days() {
        Random random = new Random(30);
        List<RoaringBitmap> days = new ArrayList<>();
        for (int d = 0; d < 200; d++) {
            RoaringBitmap day = new RoaringBitmap();
            for (int u = 0; u < random.nextInt(60); u++) {
                day.add(random.nextInt(2_000));
            }
            days.add(day);
        }
        for (int width : new int[] {1, 7, 28, 30}) {
            SlidingUnion window = new SlidingUnion();
            for (int d = 0; d < days.size(); d++) {
                window.push(days.get(d));
                if (window.size() > width) {
                    window.pop();
                }
                RoaringBitmap expected = new RoaringBitmap();
                for (int k = Math.max(0, d - width + 1); k <= d; k++) {
                    expected.or(days.get(k));
                }
                assertThat(window.cardinality())
                        .as("window of %d days ending on day %d", width, d)
                        .isEqualTo(expected.getLongCardinality());
            }
        }
    }

    @Test
    void leaves_the_days_it_was_given_unchanged() {
        RoaringBitmap first = RoaringBitmap.bitmapOf(1, 2);
        RoaringBitmap second = RoaringBitmap.bitmapOf(3);
        SlidingUnion window = new SlidingUnion();
        window.push(first);
        window.push(second);
        window.pop();

        assertThat(window.cardinality()).isEqualTo(1);
        assertThat(first.toArray()).containsExactly(1, 2);
        assertThat(second.toArray()).containsExactly(3);
    }
}
