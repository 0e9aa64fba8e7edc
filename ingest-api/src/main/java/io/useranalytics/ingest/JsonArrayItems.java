package io.useranalytics.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.useranalytics.record.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
                        .build();
    }

    @Override
    public void read(InputStream body, Receiver receiver) throws IOException {
        try (JsonParser parser = factory.createParser(body)) {
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
