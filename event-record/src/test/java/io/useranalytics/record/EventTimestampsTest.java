package io.useranalytics.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class EventTimestampsTest {
    @Test
    void reads_a_small_integer_as_epoch_seconds() {
        GivenTimestamp timestamp = EventTimestamps.parse("1224567997");

        assertThat(timestamp.instant()).isEqualTo(Instant.parse("2008-10-21T05:46:37Z"));
        assertThat(timestamp.precision()).isEqualTo(ChronoUnit.SECONDS);
    }

    @Test
    void reads_integers_from_one_hundred_billion_up_as_epoch_millis() {
        GivenTimestamp timestamp = EventTimestamps.parse("1224567997123");

        assertThat(timestamp.instant()).isEqualTo(Instant.parse("2008-10-21T05:46:37.123Z"));
        assertThat(timestamp.precision()).isEqualTo(ChronoUnit.MILLIS);
    }

    @Test
    void the_threshold_itself_is_millis_and_one_below_is_seconds() {
        assertThat(EventTimestamps.parse("100000000000").precision()).isEqualTo(ChronoUnit.MILLIS);
        assertThat(EventTimestamps.parse("99999999999").precision()).isEqualTo(ChronoUnit.SECONDS);
    }

    @Test
    void reads_an_iso_instant_without_fraction_at_second_precision() {
        GivenTimestamp timestamp = EventTimestamps.parse("2008-10-21T07:46:37+02:00");

        assertThat(timestamp.instant()).isEqualTo(Instant.parse("2008-10-21T05:46:37Z"));
        assertThat(timestamp.precision()).isEqualTo(ChronoUnit.SECONDS);
    }

    @Test
    void reads_an_iso_instant_with_fraction_at_milli_precision_truncating_finer_digits() {
        GivenTimestamp timestamp = EventTimestamps.parse("2008-10-21T05:46:37.123456Z");

        assertThat(timestamp.instant()).isEqualTo(Instant.parse("2008-10-21T05:46:37.123Z"));
        assertThat(timestamp.precision()).isEqualTo(ChronoUnit.MILLIS);
    }

    @Test
    void rejects_text_that_is_no_timestamp_naming_the_value_and_the_rule() {
        assertThatThrownBy(() -> EventTimestamps.parse("abc"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "timestamp 'abc' is not epoch seconds, epoch millis or ISO-8601"
                                + " (e.g. 1224567997, 1224567997000 or 2008-10-21T05:46:37Z)");
    }

    @Test
    void rejects_an_empty_timestamp() {
        assertThatThrownBy(() -> EventTimestamps.parse(""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("timestamp is empty");
    }

    @Test
    void rejects_an_integer_too_large_for_any_instant() {
        assertThatThrownBy(() -> EventTimestamps.parse("99999999999999999999"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "timestamp '99999999999999999999' is outside the representable range (years 1 to 9999)");
        assertThatThrownBy(() -> EventTimestamps.parse("9223372036854775807"))
                .hasMessage(
                        "timestamp '9223372036854775807' is outside the representable range (years 1 to 9999)");
        assertThatThrownBy(() -> EventTimestamps.parse("+10000-01-01T00:00:00Z"))
                .hasMessageContaining("outside the representable range");
    }

    @Test
    void shortens_a_huge_bad_value_in_the_message() {
        String huge = "x".repeat(10_000);

        assertThatThrownBy(() -> EventTimestamps.parse(huge))
                .hasMessageStartingWith("timestamp '" + "x".repeat(64) + "...'");
    }
}
