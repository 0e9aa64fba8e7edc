package io.useranalytics.query;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.common.health.ReadinessCheck;
import io.useranalytics.store.ServerState;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.StoreRead;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * How far behind its primary the server query-api reads may be (zero on a primary): answers are at
 * most that plus QUERY_MAX_STALENESS_MS behind what the writer committed. Readiness fails past
 * QUERY_MAX_REPLAY_LAG_MS, so that a load balancer sends readers to a fresher replica; the lag is
 * gauge {@code query_database_replay_lag_seconds}. Each probe or scrape reads it on a thread of
 * this class's own and waits at most {@link #WAIT}, one read at a time: a database that stops
 * answering holds that one thread, never the server's, and the last value read is answered.
 */
final class ReplayLag implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(2);

    private final StoreRead<ServerState> server;
    private final Duration maxLag;
    private final ExecutorService reader =
            Executors.newSingleThreadExecutor(
                    task -> {
                        Thread thread = new Thread(task, "replay-lag");
                        thread.setDaemon(true);
                        return thread;
                    });
    private volatile Optional<ServerState> last = Optional.empty();
    private Future<?> pending = CompletableFuture.completedFuture(null); // guarded by this

    /** {@code server} reads the state of the server query-api reads ({@link ServerState}). */
    ReplayLag(StoreRead<ServerState> server, Duration maxLag) {
        this.server = server;
        this.maxLag = maxLag;
    }

    @Override
    public void close() {
        reader.shutdownNow();
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
        return current().map(state -> state.replayLag().toMillis() / 1_000.0).orElse(Double.NaN);
    }

    private Optional<String> blocker() {
        return current()
                .filter(state -> state.replayLag().compareTo(maxLag) > 0)
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
        return current()
                .map(
                        state ->
                                state.standby()
                                        ? "standby, up to "
                                                + format(state.replayLag())
                                                + " behind its primary"
                                        : "primary")
                .orElse("unknown");
    }

    /** What a read now says, or within {@link #WAIT} the last one that finished. */
    private Optional<ServerState> current() {
        Future<?> read;
        synchronized (this) {
            if (pending.isDone()) {
                pending = reader.submit(this::read);
            }
            read = pending;
        }
        try {
            read.get(WAIT.toMillis(), MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the database is slow or gone: the last value, and the database check says so
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last;
    }

    private void read() {
        try {
            last = Optional.of(server.read());
        } catch (StoreException e) {
            last = Optional.empty(); // unknown; the database check says it cannot be reached
        }
    }

    private static String format(Duration lag) {
        return String.format(Locale.ROOT, "%.1f s", lag.toMillis() / 1_000.0);
    }
}
