package io.useranalytics.system.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

/**
 * An event's JSON with hostile text in it, in the two forms a sender may write it: the text escaped
 * as Jackson escapes it (a lone surrogate or a control character as a six-character escape), or its
 * bytes as they are inside the quotes (only quote, backslash and control bytes escaped), bad bytes
 * included.
 */
final class EventLines {
    /** ASCII out: every other character, a lone surrogate too, as an escape. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private EventLines() {}

    /** An NDJSON line (no newline) with the seed's {@code timestamp} field in milliseconds. */
    static byte[] ndjson(
            HostileText.Sample user, Optional<HostileText.Sample> id, Instant at, Random coin) {
        return event("timestamp", user, id, at, coin);
    }

    /** A Kafka record value, as the contract writes it. */
    static byte[] kafkaValue(
            HostileText.Sample user, Optional<HostileText.Sample> id, Instant at, Random coin) {
        return event("timestamp_ms", user, id, at, coin);
    }

    private static byte[] event(
            String timeField,
            HostileText.Sample user,
            Optional<HostileText.Sample> id,
            Instant at,
            Random coin) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(
                ("{\"" + timeField + "\":" + at.toEpochMilli() + ",\"user\":")
                        .getBytes(StandardCharsets.US_ASCII));
        json.writeBytes(string(user, coin));
        json.writeBytes(",\"event\":\"click\"".getBytes(StandardCharsets.US_ASCII));
        id.ifPresent(
                sample -> {
                    json.writeBytes(",\"id\":".getBytes(StandardCharsets.US_ASCII));
                    json.writeBytes(string(sample, coin));
                });
        json.write('}');
        return json.toByteArray();
    }

    /** A JSON string of the sample: escaped by Jackson, or its raw bytes, by a coin's toss. */
    private static byte[] string(HostileText.Sample sample, Random coin) {
        if (coin.nextBoolean()
                && HostileText.encode(sample.text()).length == sample.utf8().length) {
            try {
                return JSON.writeValueAsString(sample.text()).getBytes(StandardCharsets.US_ASCII);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        ByteArrayOutputStream quoted = new ByteArrayOutputStream();
        quoted.write('"');
        for (byte b : sample.utf8()) {
            if (b == '"' || b == '\\') {
                quoted.write('\\');
                quoted.write(b);
            } else if (b >= 0 && b < 0x20) {
                quoted.writeBytes(String.format("\\u%04x", b).getBytes(StandardCharsets.US_ASCII));
            } else {
                quoted.write(b);
            }
        }
        quoted.write('"');
        return quoted.toByteArray();
    }
}
