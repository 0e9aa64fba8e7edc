package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.record.EventTimestamps;
import io.useranalytics.record.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SummaryWindowTest {
    @Test
    void a_trailing_window_ending_at_a_second_includes_that_whole_second() {
        SummaryWindow window = SummaryWindow.trailing(EventTimestamps.parse("1224567999"));

        assertThat(window.from()).isEqualTo(Instant.parse("2008-10-21T04:46:39Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2008-10-21T05:46:39Z"));
        assertThat(window.endExclusive()).isEqualTo(Instant.parse("2008-10-21T05:46:40Z"));
    }

    @Test
    void a_trailing_window_ending_at_a_millisecond_includes_just_that_millisecond() {
        SummaryWindow window = SummaryWindow.trailing(EventTimestamps.parse("1224567999250"));

        assertThat(window.from()).isEqualTo(Instant.parse("2008-10-21T04:46:39.250Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2008-10-21T05:46:39.250Z"));
        assertThat(window.endExclusive()).isEqualTo(Instant.parse("2008-10-21T05:46:39.251Z"));
    }

    @Test
    void the_calendar_hour_is_the_utc_hour_that_holds_the_timestamp() {
        SummaryWindow window = SummaryWindow.calendarHour(EventTimestamps.parse("1224567999250"));

        assertThat(window.from()).isEqualTo(Instant.parse("2008-10-21T05:00:00Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2008-10-21T05:59:59Z"));
        assertThat(window.endExclusive()).isEqualTo(Instant.parse("2008-10-21T06:00:00Z"));
    }

    @Test
    void a_range_ends_before_its_to_and_keeps_the_finer_precision_of_its_ends() {
        SummaryWindow window =
                SummaryWindow.range(
                        EventTimestamps.parse("2008-10-21T00:00:00Z"),
                        EventTimestamps.parse("1224567999250"));

        assertThat(window.from()).isEqualTo(Instant.parse("2008-10-21T00:00:00Z"));
        assertThat(window.endExclusive()).isEqualTo(Instant.parse("2008-10-21T05:46:39.250Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2008-10-21T05:46:39.249Z"));
    }

    @Test
    void a_range_of_two_years_with_a_leap_day_is_the_longest() {
        SummaryWindow window =
                SummaryWindow.range(
                        EventTimestamps.parse("2007-10-01T00:00:00Z"),
                        EventTimestamps.parse("2009-10-01T00:00:00Z"));

        assertThat(window.to()).isEqualTo(Instant.parse("2009-09-30T23:59:59Z"));
        assertThatThrownBy(
                        () ->
                                SummaryWindow.range(
                                        EventTimestamps.parse("2007-10-01T00:00:00Z"),
                                        EventTimestamps.parse("2009-10-01T00:00:00.001Z")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "from 2007-10-01T00:00:00Z to 2009-10-01T00:00:00.001Z is longer than 731"
                                + " days");
    }

    @Test
    void a_range_must_end_after_it_starts() {
        assertThatThrownBy(
                        () ->
                                SummaryWindow.range(
                                        EventTimestamps.parse("1224567999"),
                                        EventTimestamps.parse("1224567999")))
                .hasMessage("to 2008-10-21T05:46:39Z is not after from 2008-10-21T05:46:39Z");
    }
}
