package io.useranalytics.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published JSON Schema says what the decoder does. */
class EventSchemaTest {
    private final JsonNode schema = read();

    @Test
    void requires_the_fields_the_decoder_requires() {
        assertThat(texts(schema.get("required"))).containsExactly("user", "event");
        assertThat(schema.get("oneOf"))
                .extracting(choice -> texts(choice.get("required")))
                .containsExactly(List.of("timestamp"), List.of("timestamp_ms"));
    }

    @Test
    void describes_every_field_the_encoder_writes() {
        assertThat(schema.get("properties").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("timestamp", "timestamp_ms", "user", "event", "id");
    }

    @Test
    void bounds_event_ids_as_the_code_does() {
        assertThat(schema.at("/properties/id/maxLength").asInt()).isEqualTo(EventIds.MAX_LENGTH);
    }

    @Test
    void lists_the_event_names_of_the_code() {
        assertThat(texts(schema.at("/properties/event/enum")))
                .containsExactlyElementsOf(
                        Arrays.stream(EventKind.values()).map(EventKind::wireName).toList());
    }

    @Test
    void bounds_user_ids_as_the_code_does() {
        assertThat(schema.at("/properties/user/maxLength").asInt()).isEqualTo(UserIds.MAX_LENGTH);
        assertThat(schema.at("/properties/user/minLength").asInt()).isEqualTo(1);
    }

    @Test
    void states_the_millisecond_threshold_of_the_code() {
        assertThat(schema.at("/properties/timestamp/description").asText())
                .contains("below " + EventTimestamps.MILLIS_THRESHOLD + " is epoch seconds");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode read() {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/event.schema.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
