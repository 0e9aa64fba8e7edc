package io.useranalytics.common.http;

import io.javalin.http.Context;
import io.useranalytics.record.InvalidInputException;
import io.useranalytics.record.Utf8Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a query string whose percent-decoded bytes are not well-formed UTF-8, before any route
 * reads it: the servlet's decoder would put U+FFFD in their place, so {@code user=x%FFy} and {@code
 * user=x%FEy} would both be the user {@code x\uFFFDy}. Names the parameter.
 */
final class StrictQueryString {
    private StrictQueryString() {}

    static void check(Context ctx) {
        String query = ctx.queryString();
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            byte[] name = percentDecoded("query", rawName);
            Utf8Text.requireValid("query", name);
            if (equals >= 0) {
                String parameter = new String(name, StandardCharsets.UTF_8);
                Utf8Text.requireValid(
                        parameter, percentDecoded(parameter, pair.substring(equals + 1)));
            }
        }
    }

    /** The bytes {@code encoded} stands for, as the servlet reads it ('+' is a space). */
    private static byte[] percentDecoded(String parameter, String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        int plain = 0; // start of the run of characters not yet written
        for (int i = 0; i < encoded.length(); i++) {
            if (encoded.charAt(i) != '%') {
                continue;
            }
            bytes.writeBytes(utf8(encoded.substring(plain, i)));
            int value =
                    i + 2 < encoded.length()
                            ? hex(encoded.charAt(i + 1), encoded.charAt(i + 2))
                            : -1;
            if (value < 0) {
                throw new InvalidInputException(
                        parameter, parameter + " has a '%' that is not followed by two hex digits");
            }
            bytes.write(value);
            i += 2;
            plain = i + 1;
        }
        bytes.writeBytes(utf8(encoded.substring(plain)));
        return bytes.toByteArray();
    }

    /** Characters the client sent unescaped, as Jetty decoded them from the request line. */
    private static byte[] utf8(String unescaped) {
        return unescaped.replace('+', ' ').getBytes(StandardCharsets.UTF_8);
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
