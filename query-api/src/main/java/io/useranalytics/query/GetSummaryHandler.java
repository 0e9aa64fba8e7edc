package io.useranalytics.query;

import static io.useranalytics.common.http.QueryParameters.single;
import static io.useranalytics.common.http.QueryParameters.singleOr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.useranalytics.record.EventTimestamps;
import io.useranalytics.record.GivenTimestamp;
import io.useranalytics.record.InvalidInputException;
import java.util.List;
import java.util.Map;
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
        Summary summary = reader.read(window(ctx.queryParamMap()));
        if (Responses.wantsJson(ctx.header(Header.ACCEPT))) {
            ctx.contentType(ContentType.APPLICATION_JSON)
                    .result(mapper.writeValueAsString(summary.asJsonFields()));
        } else {
            ctx.contentType(ContentType.TEXT_PLAIN).result(summary.asText());
        }
    }

    private static SummaryWindow window(Map<String, List<String>> params) {
        if (params.containsKey("from") || params.containsKey("to")) {
            if (params.containsKey("timestamp") || params.containsKey("window")) {
                throw new InvalidInputException(
                        "from", "give timestamp (and window) or from and to, not both");
            }
            return SummaryWindow.range(
                    EventTimestamps.parse(single(params, "from")),
                    EventTimestamps.parse(single(params, "to")));
        }
        GivenTimestamp timestamp = EventTimestamps.parse(single(params, "timestamp"));
        String window = singleOr(params, "window", "trailing");
        if (window.equals("trailing")) {
            return SummaryWindow.trailing(timestamp);
        }
        if (window.equals("hour")) {
            return SummaryWindow.calendarHour(timestamp);
        }
        throw new InvalidInputException(
                "window",
                "window '" + EventTimestamps.shorten(window) + "' is not trailing or hour");
    }
}
