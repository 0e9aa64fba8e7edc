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

        assertThat(request.bounds())
                .containsExactly(
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-01T01:00:00Z"),
                        Instant.parse("2026-01-01T02:00:00Z"),
                        Instant.parse("2026-01-01T03:00:00Z"));
        assertThat(request.rowCount()).isEqualTo(3);
    }

    @Test
    void rejects_unknown_steps_empty_ranges_and_more_than_ten_thousand_rows() {
        assertThatThrownBy(() -> parse("0", "60", "2m"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("step '2m' is not 1m, 5m, 1h, 1d, 1w or 1mo");
        assertThatThrownBy(() -> parse("60", "60", "1m"))
                .hasMessage("to 1970-01-01T00:01:00Z is not after from 1970-01-01T00:01:00Z");
        assertThatThrownBy(() -> parse("0", Long.toString(10_001 * 60), "1m"))
                .hasMessage(
                        "from 1970-01-01T00:00:00Z to 1970-01-07T22:41:00Z in steps of 1m is 10001 rows;"
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

    @Test
    void a_week_starts_on_monday_and_a_month_on_its_first_day() {
        SeriesRequest weeks = parse("2024-02-14", "2024-03-02T00:00:00Z", "1w");
        SeriesRequest months = parse("2024-02-14", "2024-03-02", "1mo");

        assertThat(weeks.bounds())
                .containsExactly(
                        Instant.parse("2024-02-12T00:00:00Z"),
                        Instant.parse("2024-02-19T00:00:00Z"),
                        Instant.parse("2024-02-26T00:00:00Z"),
                        Instant.parse("2024-03-04T00:00:00Z"));
        assertThat(weeks.rowCount()).isEqualTo(3);
        assertThat(weeks.bucketsPerRow()).isEqualTo(7);
        assertThat(months.bounds())
                .containsExactly(
                        Instant.parse("2024-02-01T00:00:00Z"),
                        Instant.parse("2024-03-01T00:00:00Z"),
                        Instant.parse("2024-04-01T00:00:00Z"));
        assertThat(months.rowCount()).isEqualTo(2);
        assertThat(months.bucketsPerRow()).isEqualTo(29);
    }

    @Test
    void days_of_a_zone_last_23_or_25_hours_where_its_clocks_change() {
        SeriesRequest spring = parse("2024-03-09", "2024-03-12", "1d", "America/New_York");
        SeriesRequest autumn = parse("2024-11-03", "2024-11-04", "1d", "America/New_York");

        assertThat(spring.bounds())
                .containsExactly(
                        Instant.parse("2024-03-09T05:00:00Z"),
                        Instant.parse("2024-03-10T05:00:00Z"),
                        Instant.parse("2024-03-11T04:00:00Z"),
                        Instant.parse("2024-03-12T04:00:00Z"));
        assertThat(spring.rowCount()).isEqualTo(3);
        assertThat(autumn.bounds())
                .containsExactly(
                        Instant.parse("2024-11-03T04:00:00Z"),
                        Instant.parse("2024-11-04T05:00:00Z"));
    }

    @Test
    void hours_of_a_zone_half_an_hour_off_utc_start_on_its_clock() {
        SeriesRequest request =
                parse("2024-01-01T00:10:00Z", "2024-01-01T01:00:00Z", "1h", "Asia/Kolkata");

        assertThat(request.bounds())
                .containsExactly(
                        Instant.parse("2023-12-31T23:30:00Z"),
                        Instant.parse("2024-01-01T00:30:00Z"),
                        Instant.parse("2024-01-01T01:30:00Z"));
    }

    @Test
    void refuses_a_time_zone_it_does_not_know() {
        assertThatThrownBy(() -> parse("2024-01-01", "2024-01-02", "1d", "Mars/Olympus_Mons"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "tz 'Mars/Olympus_Mons' is not a time zone: give an IANA name such as"
                                + " Europe/Berlin");
    }

    private static SeriesRequest parse(String from, String to, String step) {
        return SeriesRequest.parse(
                Map.of("from", List.of(from), "to", List.of(to), "step", List.of(step)));
    }

    private static SeriesRequest parse(String from, String to, String step, String tz) {
        return SeriesRequest.parse(
                Map.of(
                        "from",
                        List.of(from),
                        "to",
                        List.of(to),
                        "step",
                        List.of(step),
                        "tz",
                        List.of(tz)));
    }
}
