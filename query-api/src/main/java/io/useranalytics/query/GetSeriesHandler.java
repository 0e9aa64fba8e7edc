package io.useranalytics.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Objects;

/** GET /analytics/series: one row per bucket, CSV or, on Accept: application/json, JSON. */
final class GetSeriesHandler implements Handler {
    private final SummaryReader reader;
    private final ObjectMapper mapper;

    GetSeriesHandler(SummaryReader reader, ObjectMapper mapper) {
        this.reader = Objects.requireNonNull(reader, "reader == null");
        this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    }

    @Override
    public void handle(Context ctx) throws JsonProcessingException {
        List<SeriesRow> rows = reader.series(SeriesRequest.parse(ctx.queryParamMap()));
        Responses.rows(ctx, mapper, rows, SeriesRow::asJsonFields, () -> SeriesRow.asCsv(rows));
    }
}
