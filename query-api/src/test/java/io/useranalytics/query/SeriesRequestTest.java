package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.record.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesRequestTest {
    @Test
    void has_one_bucket_per_aligned_step_that_overlaps_the_range() {
        SeriesRequest request = parse("2026-01-01T00:30:00Z", "2026-01-01T03:00:00Z", "1h");

        assertThat(request.bucketStarts())
                .containsExactly(
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-01T01:00:00Z"),
                        Instant.parse("2026-01-01T02:00:00Z"));
    }

    @Test
    void rejects_unknown_steps_empty_ranges_and_more_than_ten_thousand_rows() {
        assertThatThrownBy(() -> parse("0", "60", "2m"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("step '2m' is not 1m, 5m, 1h or 1d");
        assertThatThrownBy(() -> parse("60", "60", "1m"))
                .hasMessage("to 1970-01-01T00:01:00Z is not after from 1970-01-01T00:01:00Z");
        assertThatThrownBy(() -> parse("0", Long.toString(10_001 * 60), "1m"))
                .hasMessage(
                        "from 1970-01-01T00:00:00Z to 1970-01-07T22:41:00Z in steps of PT1M is 10001 rows;"
                                + " the maximum is 10000: use a larger step or a shorter range");
    }

    @Test
    void a_row_of_a_day_reads_one_day_bucket_so_27_years_of_days_fit() {
        SeriesRequest request = parse("2030-01-01T00:00:00Z", "2057-01-01T00:00:00Z", "1d");

        assertThat(request.rowCount()).isEqualTo(9_862);
        assertThat(request.bucketsPerRow()).isEqualTo(1);
        assertThatThrownBy(() -> parse("2030-01-01T00:00:00Z", "2058-01-01T00:00:00Z", "1d"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is 10227 rows; the maximum is 10000");
    }

    @Test
    void a_row_of_five_minutes_reads_five_minute_buckets() {
        assertThat(parse("2026-01-01T00:03:00Z", "2026-01-01T01:00:00Z", "5m").bucketsPerRow())
                .isEqualTo(5);
    }

    private static SeriesRequest parse(String from, String to, String step) {
        return SeriesRequest.parse(
                Map.of("from", List.of(from), "to", List.of(to), "step", List.of(step)));
    }
}
