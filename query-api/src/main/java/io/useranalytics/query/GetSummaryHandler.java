package io.useranalytics.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.util.Objects;

/**
 * GET /analytics: an hour's figures (the trailing hour, or with {@code window=hour} the calendar
 * hour), or with {@code from} and {@code to} those of a range; as text or, on Accept:
 * application/json, JSON.
 */
final class GetSummaryHandler implements Handler {
    private final SummaryReader reader;
    private final ObjectMapper mapper;

    GetSummaryHandler(SummaryReader reader, ObjectMapper mapper) {
        this.reader = Objects.requireNonNull(reader, "reader == null");
        this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    }

    @Override
    public void handle(Context ctx) throws JsonProcessingException {
        Summary summary = reader.read(SummaryQuery.window(ctx.queryParamMap()));
        if (Responses.wantsJson(ctx.header(Header.ACCEPT))) {
            ctx.contentType(ContentType.APPLICATION_JSON)
                    .result(mapper.writeValueAsString(summary.asJsonFields()));
        } else {
            ctx.contentType(ContentType.TEXT_PLAIN).result(summary.asText());
        }
    }
}
