package io.useranalytics.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * GET /analytics/active: DAU, WAU or MAU per day or week, CSV or, on Accept: application/json,
 * JSON.
 */
final class GetActiveHandler implements Handler {
    private final ActiveUsers active;
    private final ObjectMapper mapper;

    GetActiveHandler(ActiveUsers active, ObjectMapper mapper) {
        this.active = Objects.requireNonNull(active, "active == null");
        this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    }

    @Override
    public void handle(Context ctx) throws JsonProcessingException {
        ActiveRequest request = ActiveRequest.parse(ctx.queryParamMap());
        List<ActiveRow> rows = active.read(request);
        if (Responses.wantsJson(ctx.header(Header.ACCEPT))) {
            List<Map<String, Object>> json = rows.stream().map(ActiveRow::asJsonFields).toList();
            ctx.contentType(ContentType.APPLICATION_JSON).result(mapper.writeValueAsString(json));
        } else {
            ctx.contentType("text/csv; charset=utf-8")
                    .result(ActiveRow.asCsv(rows, request.window() == ActiveWindow.THIRTY_DAYS));
        }
    }
}
