package io.useranalytics.query;

import io.useranalytics.common.http.ServiceUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;

/** Counts a window's distinct users, clicks and impressions in the database. */
final class SummaryReader {
    private static final String COUNT =
            "SELECT count(DISTINCT user_id),"
                    + " count(*) FILTER (WHERE kind = 'click'),"
                    + " count(*) FILTER (WHERE kind = 'impression')"
                    + " FROM events WHERE time >= ? AND time < ?";

    private final DataSource dataSource;

    SummaryReader(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    }

    HourSummary read(HourWindow window) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(COUNT)) {
            count.setObject(1, OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC));
            count.setObject(2, OffsetDateTime.ofInstant(window.endExclusive(), ZoneOffset.UTC));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return new HourSummary(window, row.getLong(1), row.getLong(2), row.getLong(3));
            }
        } catch (SQLException e) {
            throw new ServiceUnavailableException(
                    "the database did not answer; retry later", Duration.ofSeconds(1), e);
        }
    }
}
