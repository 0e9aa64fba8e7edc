package io.useranalytics.system.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Random text for fuzzing the doors: code points from all of Unicode (astral ones, noncharacters
 * and U+FFFD included), now and then a control character, a lone UTF-16 surrogate, or bytes that
 * are no UTF-8 at all, and now and then more characters than a user id may have. Each sample knows
 * whether the pipeline must take it: it holds none of those faults.
 */
final class HostileText {
    /** A sample: its characters, the bytes a door is sent, and whether the rule allows them. */
    record Sample(String text, byte[] utf8, boolean isValid) {}

    private static final byte[][] NOT_UTF8 = {
        {(byte) 0xFF},
        {(byte) 0xFE},
        {(byte) 0xC0, (byte) 0x80}, // overlong NUL
        {(byte) 0xC1, (byte) 0x81}, // overlong 'A'
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
        {(byte) 0xE2, (byte) 0x82}, // cut short
        {(byte) 0x80}
    };

    private final Random random;

    HostileText(long seed) {
        this.random = new Random(seed);
    }

    /** A sample that starts with {@code prefix} (ASCII), within {@code maxLength} if valid. */
    Sample next(String prefix, int maxLength) {
        StringBuilder text = new StringBuilder(prefix);
        boolean valid = true;
        int length =
                random.nextInt(10) == 0
                        ? maxLength - 5 + random.nextInt(10)
                        : 1 + random.nextInt(24);
        int codePoints = prefix.length();
        for (int i = 0; i < length; i++) {
            int roll = random.nextInt(100);
            if (roll < 1) {
                text.append(
                        (char)
                                (random.nextBoolean()
                                        ? random.nextInt(0x20)
                                        : 0x7F + random.nextInt(0x21)));
                valid = false;
            } else if (roll < 2) {
                text.append((char) (0xD800 + random.nextInt(0x800))); // alone: no partner follows
                text.append('x');
                valid = false;
                codePoints++;
            } else {
                text.appendCodePoint(scalarValue());
            }
            codePoints++;
        }
        valid &= codePoints <= maxLength;
        byte[] utf8 = encode(text.toString());
        if (random.nextInt(100) < 4) {
            utf8 = withBadBytes(utf8, prefix.length());
            valid = false;
        }
        return new Sample(text.toString(), utf8, valid);
    }

    /** Any Unicode scalar value but a control character, weighted towards the common planes. */
    private int scalarValue() {
        int roll = random.nextInt(10);
        int codePoint;
        if (roll < 4) {
            codePoint = 0x20 + random.nextInt(0x5F);
        } else if (roll < 8) {
            codePoint = 0xA0 + random.nextInt(0xFFFE - 0xA0 + 2);
        } else {
            codePoint = 0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1);
        }
        return Character.isSurrogate((char) codePoint) && codePoint < 0x10000 ? 0xFFFD : codePoint;
    }

    /**
     * UTF-8, but a lone surrogate as the three bytes it would have if it were a character (what
     * CESU-8 writes, and no well-formed UTF-8 holds).
     */
    static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired =
                    Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                out.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private byte[] withBadBytes(byte[] utf8, int after) {
        byte[] bad = NOT_UTF8[random.nextInt(NOT_UTF8.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(utf8, 0, after);
        out.writeBytes(bad);
        out.write(utf8, after, utf8.length - after);
        return out.toByteArray();
    }
}
