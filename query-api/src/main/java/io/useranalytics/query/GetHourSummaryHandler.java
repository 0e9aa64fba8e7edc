package io.useranalytics.query;

import static io.useranalytics.common.http.QueryParameters.single;
import static io.useranalytics.common.http.QueryParameters.singleOr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.useranalytics.common.event.EventTimestamps;
import io.useranalytics.common.event.GivenTimestamp;
import io.useranalytics.common.event.InvalidInputException;
import java.util.Objects;

/**
 * GET /analytics: an hour's figures (the trailing hour, or with {@code window=hour} the calendar
 * hour), as text or, on Accept: application/json, JSON.
 */
final class GetHourSummaryHandler implements Handler {
    private final SummaryReader reader;
    private final ObjectMapper mapper;

    GetHourSummaryHandler(SummaryReader reader, ObjectMapper mapper) {
        this.reader = Objects.requireNonNull(reader, "reader == null");
        this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    }

    @Override
    public void handle(Context ctx) throws JsonProcessingException {
        GivenTimestamp timestamp = EventTimestamps.parse(single(ctx.queryParamMap(), "timestamp"));
        HourSummary summary = reader.read(window(ctx, timestamp));
        if (Responses.wantsJson(ctx.header(Header.ACCEPT))) {
            ctx.contentType(ContentType.APPLICATION_JSON)
                    .result(mapper.writeValueAsString(summary.asJsonFields()));
        } else {
            ctx.contentType(ContentType.TEXT_PLAIN).result(summary.asText());
        }
    }

    private static HourWindow window(Context ctx, GivenTimestamp timestamp) {
        String window = singleOr(ctx.queryParamMap(), "window", "trailing");
        if (window.equals("trailing")) {
            return HourWindow.trailing(timestamp);
        }
        if (window.equals("hour")) {
            return HourWindow.calendarHour(timestamp);
        }
        throw new InvalidInputException(
                "window",
                "window '" + EventTimestamps.shorten(window) + "' is not trailing or hour");
    }
}
