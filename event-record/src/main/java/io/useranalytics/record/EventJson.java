package io.useranalytics.record;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Kafka record value: UTF-8 JSON {@code {"timestamp_ms": <epoch ms>, "user": "<id>", "event":
 * "click", "id": "<optional client event id>"}}. The unit is in the field's name, so what
 * ingest-api writes cannot be misread. Direct producers may send {@code "timestamp"} instead, read
 * by the {@link EventTimestamps} rule (seconds, milliseconds or ISO-8601); one of the two, never
 * both. Fields it does not know are ignored.
 */
public final class EventJson {
    /** Larger values are rejected before parsing; a valid event is a few hundred bytes. */
    public static final int MAX_BYTES = 16 * 1024;

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();
    private static final byte[] TIMESTAMP_MS = "{\"timestamp_ms\":".getBytes(US_ASCII);
    private static final byte[] USER = ",\"user\":\"".getBytes(US_ASCII);
    private static final byte[] EVENT = "\",\"event\":\"".getBytes(US_ASCII);
    private static final byte[] ID = "\",\"id\":\"".getBytes(US_ASCII);
    private static final byte[] END = "\"}".getBytes(US_ASCII);

    private final ObjectMapper mapper =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The fields the fast path reads; anything else goes the slow way. */
    private static final List<String> FAST_FIELDS =
            List.of("timestamp", "user", "event", "id", "timestamp_ms");

    /** For the fast path, which finds duplicates of the fields it reads itself. */
    private final JsonFactory scanning = new JsonFactory();

    /**
     * Writes the value field by field, strings escaped by Jackson's encoder: the same bytes as its
     * generator, without setting one up per event on the hot path.
     */
    public byte[] encode(Event event) {
        byte[] user = STRINGS.quoteAsUTF8(event.user());
        byte[] id = event.id().map(STRINGS::quoteAsUTF8).orElse(null);
        try (ByteArrayBuilder out = new ByteArrayBuilder(64 + user.length)) {
            out.write(TIMESTAMP_MS);
            out.write(Long.toString(event.timestamp().toEpochMilli()).getBytes(US_ASCII));
            out.write(USER);
            out.write(user);
            out.write(EVENT);
            out.write(event.kind().wireName().getBytes(US_ASCII));
            if (id != null) {
                out.write(ID);
                out.write(id);
            }
            out.write(END);
            return out.toByteArray();
        }
    }

    /**
     * Reads one event: well-formed UTF-8 holding one JSON object and nothing after it; anything
     * that is not a valid event is an {@link InvalidInputException}.
     */
    public Event decode(byte[] value) {
        if (value.length > MAX_BYTES) {
            throw new InvalidInputException(
                    "value", "value is " + value.length + " bytes; the maximum is " + MAX_BYTES);
        }
        Utf8Text.requireValid("value", value);
        Optional<Fields> fields = scan(value);
        if (fields.isPresent()) {
            Fields found = fields.get();
            EventKind kind = EventKind.parse(found.event);
            return new Event(found.instant(), found.user, kind, Optional.ofNullable(found.id));
        }
        return decode(parse(value));
    }

    /** The fields of a plain, well-formed event, as one pass of the streaming parser found them. */
    private static final class Fields {
        /** One bit per field of {@link #FAST_FIELDS} read so far: a second one is a duplicate. */
        private int seen;

        Long epochMillis;
        Long epochNumber;
        String timestampText;
        String user;
        String event;
        String id;

        /** False if field number {@code field} was read before. */
        boolean firstOf(int field) {
            int bit = 1 << field;
            boolean first = (seen & bit) == 0;
            seen |= bit;
            return first;
        }

        /** Exactly one of the two timestamp fields, a user and an event. */
        boolean isComplete() {
            boolean given = epochNumber != null || timestampText != null;
            return (given != (epochMillis != null)) && user != null && event != null;
        }

        Instant instant() {
            if (epochMillis != null) {
                return EventTimestamps.fromEpochMillis(epochMillis).instant();
            }
            return (epochNumber != null
                            ? EventTimestamps.fromEpochNumber(epochNumber)
                            : EventTimestamps.parse(timestampText))
                    .instant();
        }
    }

    /**
     * The fast path: one streaming pass over an object whose known fields have the expected types.
     * Anything else (bad JSON, a duplicate, a wrong type, a missing field, a field it does not
     * know) returns empty and goes the slow way through the tree, which names the problem.
     */
    private Optional<Fields> scan(byte[] value) {
        Fields fields = new Fields();
        try (JsonParser parser = scanning.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (!read(name, token, parser, fields)) {
                    return Optional.empty();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return fields.isComplete() ? Optional.of(fields) : Optional.empty();
    }

    /** Takes one field's value; false if it is not of the type the fast path knows. */
    private static boolean read(String name, JsonToken token, JsonParser parser, Fields fields)
            throws IOException {
        int field = FAST_FIELDS.indexOf(name);
        if (field < 0 || !fields.firstOf(field)) {
            return false;
        }
        boolean text = token == JsonToken.VALUE_STRING;
        switch (name) {
            case "timestamp":
                if (token == JsonToken.VALUE_NUMBER_INT
                        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    fields.epochNumber = parser.getLongValue();
                    return true;
                }
                fields.timestampText = text ? parser.getText() : null;
                return text;
            case "timestamp_ms":
                if (token == JsonToken.VALUE_NUMBER_INT
                        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    fields.epochMillis = parser.getLongValue();
                    return true;
                }
                return false;
            case "user":
                fields.user = text ? parser.getText() : null;
                return text;
            case "event":
                fields.event = text ? parser.getText() : null;
                return text;
            case "id":
                fields.id = text ? parser.getText() : null;
                return text || token == JsonToken.VALUE_NULL;
            default:
                return false;
        }
    }

    private Event decode(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidInputException("value", "value is not a JSON object");
        }
        Instant timestamp = timestamp(root);
        String user = text(root, "user");
        EventKind kind = EventKind.parse(text(root, "event"));
        Optional<String> id =
                root.hasNonNull("id") ? Optional.of(text(root, "id")) : Optional.empty();
        return new Event(timestamp, user, kind, id);
    }

    private JsonNode parse(byte[] value) {
        try (JsonParser parser = mapper.createParser(value)) {
            JsonNode root = mapper.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw new InvalidInputException("value", "value is empty");
            }
            requireNothingAfter(parser);
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    "value", "value is not valid UTF-8 JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading from a byte array failed", e);
        }
    }

    /** One value per item: a second object on an NDJSON line would otherwise be dropped. */
    private static void requireNothingAfter(JsonParser parser) throws IOException {
        long end = parser.currentLocation().getByteOffset();
        boolean more;
        try {
            more = parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            more = true;
        }
        if (more) {
            throw new InvalidInputException(
                    "value",
                    "value has more after its JSON value (from byte "
                            + (end + 1)
                            + "): one event is one JSON object, alone on its line");
        }
    }

    private static Instant timestamp(JsonNode root) {
        JsonNode node = root.get("timestamp");
        JsonNode millis = root.get("timestamp_ms");
        boolean hasMillis = millis != null && !millis.isNull();
        if (node == null || node.isNull()) {
            if (hasMillis) {
                return epochMillis(millis);
            }
            throw new InvalidInputException("timestamp", "timestamp is missing");
        }
        if (hasMillis) {
            throw new InvalidInputException(
                    "timestamp", "timestamp and timestamp_ms are both given; send one of them");
        }
        return readByRule(node).instant();
    }

    private static Instant epochMillis(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return EventTimestamps.fromEpochMillis(node.longValue()).instant();
        }
        throw new InvalidInputException(
                "timestamp_ms",
                "timestamp_ms must be an integer (epoch milliseconds), not "
                        + EventTimestamps.shorten(node.toString()));
    }

    private static GivenTimestamp readByRule(JsonNode node) {
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
