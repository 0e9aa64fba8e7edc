package io.useranalytics.bench;

import io.useranalytics.store.SqlTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/** The query ceiling: the figures of a window counted by plain SQL over the raw events. */
final class SqlCount {
    private SqlCount() {}

    /** Unique users, clicks and impressions of the raw events in [from, endExclusive). */
    static long[] between(BenchEnvironment env, Instant from, Instant endExclusive)
            throws Exception {
        try (Connection connection = env.connect();
                PreparedStatement count =
                        connection.prepareStatement(
                                "SELECT count(DISTINCT user_id), count(*) FILTER (WHERE kind = 'click'),"
                                        + " count(*) FILTER (WHERE kind = 'impression') FROM events WHERE time >= ? AND time < ?")) {
            count.setObject(1, SqlTime.of(from));
            count.setObject(2, SqlTime.of(endExclusive));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2), row.getLong(3)};
            }
        }
    }
}
