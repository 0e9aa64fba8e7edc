package io.useranalytics.query;

import io.useranalytics.common.http.ServiceUnavailableException;
import io.useranalytics.store.SqlTime;
import io.useranalytics.store.rollup.BucketSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.roaringbitmap.RoaringBitmap;

/** Counts the sub-second edges of a millisecond-precision window from the raw events. */
final class RawEdges {
    private static final String SELECT =
            "SELECT user_id, kind = 'click' FROM events WHERE time >= ? AND time < ?";

    private final DataSource dataSource;

    RawEdges(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    BucketSummary summarize(List<WindowCover.Edge> edges) {
        if (edges.isEmpty()) {
            return BucketSummary.empty();
        }
        long clicks = 0;
        long impressions = 0;
        RoaringBitmap users = new RoaringBitmap();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            for (WindowCover.Edge edge : edges) {
                select.setObject(1, SqlTime.of(edge.from()));
                select.setObject(2, SqlTime.of(edge.endExclusive()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        users.add((int) rows.getLong(1));
                        if (rows.getBoolean(2)) {
                            clicks++;
                        } else {
                            impressions++;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new ServiceUnavailableException(
                    "the database did not answer; retry later", Duration.ofSeconds(1), e);
        }
        return new BucketSummary(clicks, impressions, users);
    }
}
