package io.useranalytics.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Objects;

/** GET /analytics/retention: the retention triangle, CSV or, on Accept: application/json, JSON. */
final class GetRetentionHandler implements Handler {
    private final RetentionCohorts cohorts;
    private final ObjectMapper mapper;

    GetRetentionHandler(RetentionCohorts cohorts, ObjectMapper mapper) {
        this.cohorts = Objects.requireNonNull(cohorts, "cohorts == null");
        this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    }

    @Override
    public void handle(Context ctx) throws JsonProcessingException {
        CohortRequest request = CohortRequest.parse(ctx.queryParamMap());
        List<CohortRow> rows = cohorts.read(request);
        Responses.rows(
                ctx,
                mapper,
                rows,
                CohortRow::asJsonFields,
                () -> CohortRow.asCsv(rows, request.periods()));
    }
}
