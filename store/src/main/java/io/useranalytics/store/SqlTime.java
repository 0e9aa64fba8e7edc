package io.useranalytics.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How an instant becomes a {@code timestamptz} parameter: one encoding for every statement (binary
 * COPY rows have their own, in events.BinaryCopyRows).
 */
public final class SqlTime {
    private SqlTime() {}

    /**
     * The parameter value for {@code instant}, which pgJDBC sends to the microsecond, as PostgreSQL
     * keeps it.
     */
    public static OffsetDateTime of(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
