package io.useranalytics.bench;

import io.useranalytics.store.SqlTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * The query ceiling: the figures of a window counted by plain SQL over the raw events (the blocks
 * of its seconds, unnested; kinds 0 click, 1 impression).
 */
final class SqlCount {
    private SqlCount() {}

    /** Unique users, clicks and impressions of the raw events in [from, endExclusive). */
    static long[] between(BenchEnvironment env, Instant from, Instant endExclusive)
            throws Exception {
        try (Connection connection = env.connect();
                PreparedStatement count =
                        connection.prepareStatement(
                                "SELECT count(DISTINCT e.user_id), count(*) FILTER (WHERE e.kind = 0),"
                                        + " count(*) FILTER (WHERE e.kind = 1) FROM event_blocks b"
                                        + " CROSS JOIN LATERAL unnest(b.offsets, b.user_ids, b.kinds)"
                                        + " AS e (offset_ms, user_id, kind)"
                                        + " WHERE b.second >= date_trunc('second', ?::timestamptz, 'UTC')"
                                        + " AND b.second < ?"
                                        + " AND b.second + e.offset_ms * interval '1 millisecond' >= ?"
                                        + " AND b.second + e.offset_ms * interval '1 millisecond' < ?")) {
            count.setObject(1, SqlTime.of(from));
            count.setObject(2, SqlTime.of(endExclusive));
            count.setObject(3, SqlTime.of(from));
            count.setObject(4, SqlTime.of(endExclusive));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2), row.getLong(3)};
            }
        }
    }
}
