package io.useranalytics.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.common.http.ReadinessCheck;
import io.useranalytics.store.ServerState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * How far behind its primary the server query-api reads may be (zero on a primary): answers are at
 * most that plus QUERY_MAX_STALENESS_MS behind what the writer committed. Readiness fails past
 * QUERY_MAX_REPLAY_LAG_MS, so that a load balancer sends readers to a fresher replica; the lag is
 * gauge {@code query_database_replay_lag_seconds}, read when scraped.
 */
final class ReplayLag {
    private final DataSource dataSource;
    private final Duration maxLag;

    ReplayLag(DataSource dataSource, Duration maxLag) {
        this.dataSource = dataSource;
        this.maxLag = maxLag;
    }

    void registerIn(MeterRegistry registry) {
        Gauge.builder("query.database.replay.lag", this, ReplayLag::seconds)
                .description(
                        "how far the database query-api reads replays behind its primary, at most;"
                                + " 0 on a primary")
                .baseUnit("seconds")
                .register(registry);
    }

    ReadinessCheck check() {
        return new ReadinessCheck("database-replay", this::blocker, this::status);
    }

    private double seconds() {
        return read().map(state -> state.replayLag().toMillis() / 1_000.0).orElse(Double.NaN);
    }

    private Optional<String> blocker() {
        return read().filter(state -> state.replayLag().compareTo(maxLag) > 0)
                .map(
                        state ->
                                "the standby replays up to "
                                        + format(state.replayLag())
                                        + " behind its primary"
                                        + (state.receiving() ? "" : " and receives nothing")
                                        + " (QUERY_MAX_REPLAY_LAG_MS="
                                        + maxLag.toMillis()
                                        + ")");
    }

    private String status() {
        return read().map(
                        state ->
                                state.standby()
                                        ? "standby, up to "
                                                + format(state.replayLag())
                                                + " behind its primary"
                                        : "primary")
                .orElse("unknown");
    }

    private Optional<ServerState> read() {
        try (Connection connection = dataSource.getConnection()) {
            return Optional.of(ServerState.read(connection));
        } catch (SQLException e) {
            return Optional.empty(); // the database check says it cannot be reached
        }
    }

    private static String format(Duration lag) {
        return String.format(Locale.ROOT, "%.1f s", lag.toMillis() / 1_000.0);
    }
}
