package io.useranalytics.common.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * What every answer of every service carries: text in UTF-8, said in its Content-Type ({@code
 * charset=utf-8}; Jetty's default for types it does not know, problem+json among them, is
 * ISO-8859-1, and it leaves the charset off JSON), and {@code X-Content-Type-Options: nosniff}, so
 * a browser never reads an answer as another type than the one it says.
 */
final class ResponseDefaults {
    private ResponseDefaults() {}

    static void apply(Context ctx) {
        ctx.res().setCharacterEncoding(StandardCharsets.UTF_8.name().toLowerCase());
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    /**
     * After the handler: JSON, which Jetty takes for UTF-8 without saying so, says so too (its
     * bytes are UTF-8 already: {@link #apply} set the encoding before anything was written).
     */
    static void declareJsonCharset(Context ctx) {
        String type = ctx.res().getContentType();
        if (type != null && type.startsWith("application/json") && !type.contains("charset")) {
            ctx.contentType("application/json;charset=utf-8");
        }
    }
}
