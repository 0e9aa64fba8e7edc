package io.useranalytics.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private final EventJson json = new EventJson();

    @Test
    void encodes_the_instant_in_a_field_that_names_its_unit() {
        Event event = new Event(Instant.parse("2008-10-21T05:46:37.5Z"), "3", EventKind.CLICK);

        assertThat(new String(json.encode(event), StandardCharsets.UTF_8))
                .isEqualTo("{\"timestamp_ms\":1224567997500,\"user\":\"3\",\"event\":\"click\"}");
    }

    @Test
    void decodes_what_it_encodes() {
        Event event =
                new Event(Instant.parse("2008-10-21T05:46:37.5Z"), "ü-user", EventKind.IMPRESSION);

        assertThat(json.decode(json.encode(event))).isEqualTo(event);
    }

    @Test
    void escapes_strings_exactly_as_jackson_writes_them() throws Exception {
        String user = "q\"b\\s/\u00e9\u4e2d\ud83d\ude00\u2028";
        Event event =
                new Event(
                        Instant.parse("2008-10-21T05:46:37.5Z"),
                        user,
                        EventKind.CLICK,
                        Optional.of("id\"" + user));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("timestamp_ms", 1224567997500L);
        fields.put("user", user);
        fields.put("event", "click");
        fields.put("id", "id\"" + user);

        assertThat(new String(json.encode(event), StandardCharsets.UTF_8))
                .isEqualTo(new ObjectMapper().writeValueAsString(fields));
        assertThat(json.decode(json.encode(event))).isEqualTo(event);
    }

    @Test
    void carries_the_client_event_id_when_there_is_one() {
        Event event =
                new Event(
                        Instant.parse("2008-10-21T05:46:37.5Z"),
                        "3",
                        EventKind.CLICK,
                        Optional.of("9b2f-1"));

        assertThat(new String(json.encode(event), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"timestamp_ms\":1224567997500,\"user\":\"3\",\"event\":\"click\",\"id\":\"9b2f-1\"}");
        assertThat(json.decode(json.encode(event))).isEqualTo(event);
    }

    @Test
    void reads_timestamp_ms_as_milliseconds_however_small() {
        Instant expected = Instant.parse("1970-01-02T00:00:00Z");

        Event event = decode("{\"timestamp_ms\":86400000,\"user\":\"1\",\"event\":\"click\"}");

        assertThat(event.timestamp()).isEqualTo(expected);
        assertThat(json.decode(json.encode(event)).timestamp()).isEqualTo(expected);
    }

    @Test
    void rejects_both_timestamp_fields_instead_of_choosing_one() {
        assertThatThrownBy(
                        () ->
                                decode(
                                        "{\"timestamp\":1,\"timestamp_ms\":1000,\"user\":\"1\",\"event\":\"click\"}"))
                .hasMessage("timestamp and timestamp_ms are both given; send one of them");
    }

    @Test
    void rejects_a_timestamp_ms_that_is_not_an_integer() {
        assertThatThrownBy(
                        () ->
                                decode(
                                        "{\"timestamp_ms\":\"2008-10-21T05:46:37Z\",\"user\":\"1\",\"event\":\"click\"}"))
                .hasMessage(
                        "timestamp_ms must be an integer (epoch milliseconds), not \"2008-10-21T05:46:37Z\"");
    }

    @Test
    void rejects_an_id_that_is_not_a_short_string() {
        assertThatThrownBy(
                        () ->
                                decode(
                                        "{\"timestamp\":1,\"user\":\"1\",\"event\":\"click\",\"id\":7}"))
                .hasMessage("id must be a string, not 7");
        assertThatThrownBy(
                        () ->
                                decode(
                                        "{\"timestamp\":1,\"user\":\"1\",\"event\":\"click\",\"id\":\""
                                                + "x".repeat(129)
                                                + "\"}"))
                .hasMessage("id is 129 characters long; the maximum is 128");
    }

    @Test
    void decodes_seconds_and_iso_by_the_http_rule_and_ignores_unknown_fields() {
        Event fromSeconds =
                decode("{\"timestamp\":1224567997,\"user\":\"1\",\"event\":\"click\",\"x\":1}");
        Event fromIso =
                decode(
                        "{\"timestamp\":\"2008-10-21T05:46:37Z\",\"user\":\"1\",\"event\":\"click\"}");

        assertThat(fromSeconds.timestamp()).isEqualTo(Instant.parse("2008-10-21T05:46:37Z"));
        assertThat(fromIso).isEqualTo(fromSeconds);
    }

    @Test
    void skips_nested_unknown_fields_and_reads_a_null_id_as_none() {
        Event event =
                decode(
                        "{\"extra\":{\"a\":[1,{\"user\":\"no\"}]},\"timestamp\":1224567997,"
                                + "\"user\":\"1\",\"event\":\"click\",\"id\":null}");

        assertThat(event)
                .isEqualTo(new Event(Instant.parse("2008-10-21T05:46:37Z"), "1", EventKind.CLICK));
    }

    @Test
    void rejects_bad_json_naming_the_problem() {
        assertThatThrownBy(() -> decode("{not json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("value is not valid UTF-8 JSON");
    }

    @Test
    void rejects_invalid_utf8() {
        byte[] value = {'{', '"', 'u', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThatThrownBy(() -> json.decode(value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("value is not valid UTF-8: byte 0xC3 at byte 7");
    }

    @Test
    void rejects_an_overlong_nul_that_jackson_alone_would_read() {
        byte[] value = {'{', '"', 'u', 's', 'e', 'r', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"'};

        assertThatThrownBy(() -> json.decode(value))
                .hasMessage("value is not valid UTF-8: byte 0xC0 at byte 10");
    }

    @Test
    void rejects_a_user_with_an_escaped_lone_surrogate() {
        assertThatThrownBy(
                        () ->
                                decode(
                                        "{\"timestamp_ms\":1,\"user\":\"kp\\ud800\",\"event\":\"click\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("user has a lone UTF-16 surrogate \\uD800 at character 3");
    }

    @Test
    void rejects_anything_after_the_object_instead_of_dropping_it() {
        String one = "{\"timestamp\":1,\"user\":\"g1\",\"event\":\"click\"}";
        String message =
                "value has more after its JSON value (from byte 44): one event is one JSON object,"
                        + " alone on its line";

        assertThatThrownBy(() -> decode(one + one.replace("g1", "g2"))).hasMessage(message);
        assertThatThrownBy(() -> decode(one + " " + one)).hasMessage(message);
        assertThatThrownBy(() -> decode(one + "]]]garbage")).hasMessage(message);
        assertThat(decode(one + " \t").user()).isEqualTo("g1");
    }

    @Test
    void rejects_a_json_value_that_is_not_an_object() {
        assertThatThrownBy(() -> decode("[1,2]")).hasMessage("value is not a JSON object");
        assertThatThrownBy(() -> decode("")).hasMessage("value is empty");
    }

    @Test
    void rejects_missing_fields_and_wrong_types_naming_the_field() {
        assertThatThrownBy(() -> decode("{\"user\":\"1\",\"event\":\"click\"}"))
                .hasMessage("timestamp is missing");
        assertThatThrownBy(() -> decode("{\"timestamp\":1,\"event\":\"click\"}"))
                .hasMessage("user is missing");
        assertThatThrownBy(() -> decode("{\"timestamp\":1,\"user\":7,\"event\":\"click\"}"))
                .hasMessage("user must be a string, not 7");
        assertThatThrownBy(() -> decode("{\"timestamp\":true,\"user\":\"1\",\"event\":\"click\"}"))
                .hasMessage(
                        "timestamp must be an integer (epoch seconds or millis) or an ISO-8601 string, not true");
    }

    @Test
    void rejects_event_names_other_than_click_or_impression() {
        assertThatThrownBy(() -> decode("{\"timestamp\":1,\"user\":\"1\",\"event\":\"view\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("event 'view' is not click or impression");
    }

    @Test
    void rejects_duplicate_fields_instead_of_guessing() {
        assertThatThrownBy(
                        () ->
                                decode(
                                        "{\"timestamp\":1,\"user\":\"1\",\"user\":\"2\",\"event\":\"click\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Duplicate field 'user'");
    }

    @Test
    void rejects_oversized_values_before_parsing() {
        byte[] value = new byte[EventJson.MAX_BYTES + 1];

        assertThatThrownBy(() -> json.decode(value))
                .hasMessage("value is 16385 bytes; the maximum is 16384");
    }

    private Event decode(String text) {
        return json.decode(text.getBytes(StandardCharsets.UTF_8));
    }
}
