package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.common.event.EventTimestamps;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HourWindowTest {
    @Test
    void a_trailing_window_ending_at_a_second_includes_that_whole_second() {
        HourWindow window = HourWindow.trailing(EventTimestamps.parse("1224567999"));

        assertThat(window.from()).isEqualTo(Instant.parse("2008-10-21T04:46:39Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2008-10-21T05:46:39Z"));
        assertThat(window.endExclusive()).isEqualTo(Instant.parse("2008-10-21T05:46:40Z"));
    }

    @Test
    void a_trailing_window_ending_at_a_millisecond_includes_just_that_millisecond() {
        HourWindow window = HourWindow.trailing(EventTimestamps.parse("1224567999250"));

        assertThat(window.from()).isEqualTo(Instant.parse("2008-10-21T04:46:39.250Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2008-10-21T05:46:39.250Z"));
        assertThat(window.endExclusive()).isEqualTo(Instant.parse("2008-10-21T05:46:39.251Z"));
    }

    @Test
    void the_calendar_hour_is_the_utc_hour_that_holds_the_timestamp() {
        HourWindow window = HourWindow.calendarHour(EventTimestamps.parse("1224567999250"));

        assertThat(window.from()).isEqualTo(Instant.parse("2008-10-21T05:00:00Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2008-10-21T05:59:59Z"));
        assertThat(window.endExclusive()).isEqualTo(Instant.parse("2008-10-21T06:00:00Z"));
    }
}
