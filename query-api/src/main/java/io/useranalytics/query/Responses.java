package io.useranalytics.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** How query-api picks an answer's format. */
final class Responses {
    private Responses() {}

    /** JSON when the client's Accept header names application/json, else text. */
    static boolean wantsJson(String accept) {
        return accept != null && accept.contains("application/json");
    }

    /** Rows as a JSON array of objects when the client asks for JSON, else as CSV. */
    static <T> void rows(
            Context ctx,
            ObjectMapper mapper,
            List<T> rows,
            Function<T, Map<String, Object>> json,
            Supplier<String> csv)
            throws JsonProcessingException {
        if (wantsJson(ctx.header(Header.ACCEPT))) {
            ctx.contentType(ContentType.APPLICATION_JSON)
                    .result(mapper.writeValueAsString(rows.stream().map(json).toList()));
        } else {
            ctx.contentType("text/csv; charset=utf-8").result(csv.get());
        }
    }
}
