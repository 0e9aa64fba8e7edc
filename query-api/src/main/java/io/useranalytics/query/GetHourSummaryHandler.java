package io.useranalytics.query;

import static io.useranalytics.common.http.QueryParameters.single;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.useranalytics.common.event.EventTimestamps;
import java.util.Objects;

/** GET /analytics: the trailing hour's figures, as text or, on Accept: application/json, JSON. */
final class GetHourSummaryHandler implements Handler {
    private final SummaryReader reader;
    private final ObjectMapper mapper;

    GetHourSummaryHandler(SummaryReader reader, ObjectMapper mapper) {
        this.reader = Objects.requireNonNull(reader, "reader == null");
        this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    }

    @Override
    public void handle(Context ctx) throws JsonProcessingException {
        HourWindow window =
                new HourWindow(EventTimestamps.parse(single(ctx.queryParamMap(), "timestamp")));
        HourSummary summary = reader.read(window);
        if (wantsJson(ctx.header(Header.ACCEPT))) {
            ctx.contentType(ContentType.APPLICATION_JSON)
                    .result(mapper.writeValueAsString(summary.asJsonFields()));
        } else {
            ctx.contentType(ContentType.TEXT_PLAIN).result(summary.asText());
        }
    }

    private static boolean wantsJson(String accept) {
        return accept != null && accept.contains("application/json");
    }
}
