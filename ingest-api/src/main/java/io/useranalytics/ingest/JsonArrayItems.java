package io.useranalytics.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.useranalytics.record.InvalidInputException;
import io.useranalytics.record.Utf8Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;

/**
 * A JSON array: one item per element, numbered from 1. Each element is copied, bounded, into bytes
 * of its own; an element over the maximum is read through and reported. A body that is not a
 * well-formed JSON array is an {@link InvalidInputException}.
 */
final class JsonArrayItems implements BatchItems {
    private final int maxItemBytes;
    private final JsonFactory factory;

    JsonArrayItems(int maxItemBytes) {
        this.maxItemBytes = maxItemBytes;
        this.factory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxStringLength(maxItemBytes)
                                        .maxNestingDepth(64)
                                        .build())
                        // Each element is copied as ASCII: a lone surrogate in an escape is then
                        // copied as the escape and refused on its own line, not as the whole body.
                        .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                        .build();
    }

    /**
     * Reads the body as text through a strict UTF-8 decoder: Jackson's own byte parser reads
     * overlong forms as other characters.
     */
    @Override
    public void read(InputStream body, Receiver receiver) throws IOException {
        try (JsonParser parser = factory.createParser(Utf8Text.strictReader(body))) {
            read(parser, receiver);
        }
    }

    private void read(JsonParser parser, Receiver receiver) throws IOException {
        try {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw notAnArray("it does not start with [");
            }
            int number = 1;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw notAnArray("it ends before its closing ]");
                }
                BoundedBytes element = new BoundedBytes(maxItemBytes);
                try (JsonGenerator copy = factory.createGenerator(element)) {
                    copy.copyCurrentStructure(parser);
                }
                if (element.overflowed()) {
                    receiver.tooLong(number++, maxItemBytes);
                } else {
                    receiver.item(number++, element.toByteArray());
                }
            }
            if (parser.nextToken() != null) {
                throw notAnArray("there is more after its closing ]");
            }
        } catch (JsonProcessingException e) {
            throw notAnArray(e.getOriginalMessage() + " at " + location(e));
        } catch (CharacterCodingException e) {
            JsonLocation at = parser.currentLocation();
            throw new InvalidInputException(
                    "body",
                    "body is not valid UTF-8 (near line "
                            + at.getLineNr()
                            + ", column "
                            + at.getColumnNr()
                            + "); nothing was published");
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? "an unknown place"
                : "line "
                        + e.getLocation().getLineNr()
                        + ", column "
                        + e.getLocation().getColumnNr();
    }

    private static InvalidInputException notAnArray(String why) {
        return new InvalidInputException(
                "body", "body is not a JSON array of events (" + why + "); nothing was published");
    }

    /** Keeps up to {@code max} bytes and counts the rest. */
    private static final class BoundedBytes extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int max;
        private boolean overflowed;

        BoundedBytes(int max) {
            this.max = max;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (overflowed || kept.size() + length > max) {
                overflowed = true;
                return;
            }
            kept.write(bytes, offset, length);
        }

        boolean overflowed() {
            return overflowed;
        }

        byte[] toByteArray() {
            return kept.toByteArray();
        }
    }
}
