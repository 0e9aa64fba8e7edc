package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.useranalytics.record.EventTimestamps;
import org.junit.jupiter.api.Test;

class SummaryTest {
    private final SummaryWindow window =
            SummaryWindow.trailing(EventTimestamps.parse("1224567999"));

    @Test
    void text_is_the_seeds_three_newline_terminated_lines() {
        assertThat(new Summary(window, 2, 1, 1).asText())
                .isEqualTo("unique_users,2\nclicks,1\nimpressions,1\n");
    }

    @Test
    void json_fields_carry_the_window_bounds_and_the_figures_in_order() {
        assertThat(new Summary(window, 2, 1, 1).asJsonFields())
                .containsExactly(
                        entry("from", "2008-10-21T04:46:39Z"),
                        entry("to", "2008-10-21T05:46:39Z"),
                        entry("unique_users", 2L),
                        entry("clicks", 1L),
                        entry("impressions", 1L));
    }
}
