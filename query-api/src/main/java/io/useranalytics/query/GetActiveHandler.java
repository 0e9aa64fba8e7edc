package io.useranalytics.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
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
        Responses.rows(
                ctx,
                mapper,
                rows,
                ActiveRow::asJsonFields,
                () -> ActiveRow.asCsv(rows, request.window() == ActiveWindow.THIRTY_DAYS));
    }
}
