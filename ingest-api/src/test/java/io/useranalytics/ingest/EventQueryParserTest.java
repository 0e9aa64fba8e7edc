package io.useranalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.record.AcceptedRange;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import io.useranalytics.record.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventQueryParserTest {
    private final EventQueryParser parser =
            new EventQueryParser(new EventRules(AcceptedRange.fromEpochTo(Duration.ofDays(1)), 16));

    @Test
    void parses_the_seeds_click() {
        Event event = parser.parse(params("1224567997", "3", "click"));

        assertThat(event)
                .isEqualTo(new Event(Instant.parse("2008-10-21T05:46:37Z"), "3", EventKind.CLICK));
    }

    @Test
    void names_a_missing_parameter() {
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        Map.of(
                                                "timestamp",
                                                List.of("1"),
                                                "event",
                                                List.of("click"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user is missing")
                .extracting(e -> ((InvalidInputException) e).parameter())
                .isEqualTo("user");
    }

    @Test
    void rejects_a_parameter_given_twice() {
        var params =
                Map.of(
                        "timestamp",
                        List.of("1", "2"),
                        "user",
                        List.of("3"),
                        "event",
                        List.of("click"));

        assertThatThrownBy(() -> parser.parse(params)).hasMessage("timestamp is given 2 times");
    }

    @Test
    void rejects_event_names_other_than_click_or_impression() {
        assertThatThrownBy(() -> parser.parse(params("1224567997", "3", "Click")))
                .hasMessage("event 'Click' is not click or impression");
    }

    @Test
    void rejects_timestamps_before_the_epoch() {
        assertThatThrownBy(() -> parser.parse(params("-5", "3", "click")))
                .hasMessage(
                        "timestamp 1969-12-31T23:59:55Z is before the earliest accepted 1970-01-01T00:00:00Z");
    }

    @Test
    void takes_an_optional_client_event_id() {
        var params = new HashMap<>(params("1224567997", "3", "click"));
        params.put("id", List.of("0b6e4f3c-retry"));

        assertThat(parser.parse(params).id()).contains("0b6e4f3c-retry");
        assertThat(parser.parse(params("1224567997", "3", "click")).id()).isEmpty();
    }

    @Test
    void rejects_users_longer_than_the_configured_maximum() {
        assertThatThrownBy(() -> parser.parse(params("1224567997", "u".repeat(17), "click")))
                .hasMessage("user is 17 characters long; the maximum is 16");
    }

    private static Map<String, List<String>> params(String timestamp, String user, String event) {
        return Map.of(
                "timestamp", List.of(timestamp), "user", List.of(user), "event", List.of(event));
    }
}
