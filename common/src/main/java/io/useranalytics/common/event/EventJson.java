package io.useranalytics.common.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * The Kafka record value: UTF-8 JSON {@code {"timestamp": <epoch ms>, "user": "<id>", "event":
 * "click", "id": "<optional client event id>"}}. Reading also takes seconds and ISO-8601 by the
 * {@link EventTimestamps} rule and ignores fields it does not know.
 */
public final class EventJson {
    /** Larger values are rejected before parsing; a valid event is a few hundred bytes. */
    public static final int MAX_BYTES = 16 * 1024;

    private final ObjectMapper mapper =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public byte[] encode(Event event) {
        ObjectNode node = mapper.createObjectNode();
        node.put("timestamp", event.timestamp().toEpochMilli());
        node.put("user", event.user());
        node.put("event", event.kind().wireName());
        event.id().ifPresent(id -> node.put("id", id));
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event, e);
        }
    }

    /** Reads one event; anything that is not a valid event is an {@link InvalidInputException}. */
    public Event decode(byte[] value) {
        if (value.length > MAX_BYTES) {
            throw new InvalidInputException(
                    "value", "value is " + value.length + " bytes; the maximum is " + MAX_BYTES);
        }
        return decode(parse(value));
    }

    /** Reads one event from a parsed JSON value, e.g. an element of a JSON array. */
    public Event decode(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidInputException("value", "value is not a JSON object");
        }
        GivenTimestamp timestamp = timestamp(root.get("timestamp"));
        String user = UserIds.check(text(root, "user"));
        EventKind kind = EventKind.parse(text(root, "event"));
        Optional<String> id =
                root.hasNonNull("id")
                        ? Optional.of(EventIds.check(text(root, "id")))
                        : Optional.empty();
        return new Event(timestamp.instant(), user, kind, id);
    }

    private JsonNode parse(byte[] value) {
        try {
            JsonNode root = mapper.readTree(value);
            if (root == null || root.isMissingNode()) {
                throw new InvalidInputException("value", "value is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    "value", "value is not valid UTF-8 JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading from a byte array failed", e);
        }
    }

    private static GivenTimestamp timestamp(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException("timestamp", "timestamp is missing");
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return EventTimestamps.fromEpochNumber(node.longValue());
        }
        if (node.isTextual()) {
            return EventTimestamps.parse(node.textValue());
        }
        throw new InvalidInputException(
                "timestamp",
                "timestamp must be an integer (epoch seconds or millis) or an ISO-8601 string, not "
                        + EventTimestamps.shorten(node.toString()));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidInputException(field, field + " is missing");
        }
        if (!node.isTextual()) {
            throw new InvalidInputException(
                    field,
                    field + " must be a string, not " + EventTimestamps.shorten(node.toString()));
        }
        return node.textValue();
    }
}
