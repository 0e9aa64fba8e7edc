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
        if (Responses.wantsJson(ctx.header(Header.ACCEPT))) {
            List<Map<String, Object>> json = rows.stream().map(SeriesRow::asJsonFields).toList();
            ctx.contentType(ContentType.APPLICATION_JSON).result(mapper.writeValueAsString(json));
        } else {
            ctx.contentType("text/csv; charset=utf-8").result(SeriesRow.asCsv(rows));
        }
    }
}
