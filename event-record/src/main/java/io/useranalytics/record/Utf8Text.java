package io.useranalytics.record;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text rule for bytes that enter the pipeline: well-formed UTF-8 only. Jackson reads overlong
 * forms (C0 80 as U+0000) and sequences past U+10FFFF without complaint, and PostgreSQL refuses
 * what Java replaces, so every door checks its bytes here before anything reads them as text.
 */
public final class Utf8Text {
    private Utf8Text() {}

    /** Throws an {@link InvalidInputException} naming {@code parameter} unless well-formed. */
    public static void requireValid(String parameter, byte[] bytes) {
        requireValid(parameter, bytes, 0, bytes.length);
    }

    /** As above, for {@code length} bytes from {@code offset}. */
    public static void requireValid(String parameter, byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) {
            return; // ASCII, the common case
        }
        decode(parameter, ByteBuffer.wrap(bytes, offset, length));
    }

    /** The text of {@code bytes}, or an {@link InvalidInputException} naming {@code parameter}. */
    public static String decode(String parameter, byte[] bytes) {
        return decode(parameter, ByteBuffer.wrap(bytes));
    }

    /**
     * Text read from {@code bytes} as UTF-8; a malformed sequence fails the read with a {@link
     * java.nio.charset.CharacterCodingException}.
     */
    public static Reader strictReader(InputStream bytes) {
        return new InputStreamReader(bytes, strictDecoder());
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String decode(String parameter, ByteBuffer bytes) {
        CharsetDecoder decoder = strictDecoder();
        int start = bytes.position();
        CharBuffer text = CharBuffer.allocate(bytes.remaining());
        CoderResult result = decoder.decode(bytes, text, true);
        if (result.isError()) {
            throw new InvalidInputException(
                    parameter,
                    parameter
                            + " is not valid UTF-8: "
                            + describe(bytes, result.length())
                            + " at byte "
                            + (bytes.position() - start + 1));
        }
        decoder.flush(text);
        return text.flip().toString();
    }

    /** E.g. "byte 0xFF" or "bytes 0xED 0xA0": the malformed sequence as hex. */
    private static String describe(ByteBuffer bytes, int length) {
        StringBuilder hex = new StringBuilder(length == 1 ? "byte" : "bytes");
        for (int i = 0; i < length; i++) {
            hex.append(String.format(" 0x%02X", bytes.get(bytes.position() + i) & 0xFF));
        }
        return hex.toString();
    }
}
