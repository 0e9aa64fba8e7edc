package io.useranalytics.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.useranalytics.common.db.Database;
import io.useranalytics.common.db.SchemaMigrations;
import io.useranalytics.common.http.HttpService;
import io.useranalytics.common.http.ServiceServer;
import io.useranalytics.common.rollup.RollupStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root of query-api: builds its collaborators and registers its routes. */
public final class QueryApp implements HttpService {
    private static final Logger log = LoggerFactory.getLogger(QueryApp.class);

    private final HikariDataSource dataSource;
    private final SummaryReader reader;
    private final ScheduledExecutorService refresher;

    private QueryApp(
            HikariDataSource dataSource, SummaryReader reader, ScheduledExecutorService refresher) {
        this.dataSource = dataSource;
        this.reader = reader;
        this.refresher = refresher;
    }

    /** Opens the pool and brings the schema up to date, so queries work before the writer runs. */
    public static QueryApp connect(QueryConfig config) {
        HikariDataSource dataSource = Database.open(config.database(), "query");
        try {
            new SchemaMigrations(dataSource, config.database().schema()).migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        BucketCache cache =
                new BucketCache(
                        dataSource,
                        new RollupStore(),
                        config.maxStaleness(),
                        config.cacheMegabytes() * 1024L * 1024L,
                        System::nanoTime);
        return new QueryApp(
                dataSource,
                new SummaryReader(cache, new RawEdges(dataSource)),
                refresher(cache, config.maxStaleness()));
    }

    /** This service alone, not started. */
    @Override
    public Javalin server(PrometheusMeterRegistry registry) {
        return ServiceServer.create(registry, List.of(this::addRoutes));
    }

    /** Adds this service's routes to a server that may host other services too. */
    public void addRoutes(RoutesConfig routes) {
        var mapper = new ObjectMapper();
        routes.get("/analytics", new GetHourSummaryHandler(reader, mapper));
        routes.get("/analytics/series", new GetSeriesHandler(reader, mapper));
    }

    /**
     * Refreshes the cache four times per staleness bound, so that requests rarely wait for a
     * refresh; they still refresh themselves if this falls behind. None for a bound of 0.
     */
    private static ScheduledExecutorService refresher(BucketCache cache, Duration maxStaleness) {
        ScheduledExecutorService refresher =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "bucket-cache-refresh");
                            thread.setDaemon(true);
                            return thread;
                        });
        long period = Math.max(20, maxStaleness.toMillis() / 4);
        if (!maxStaleness.isZero()) {
            refresher.scheduleWithFixedDelay(
                    () -> refreshQuietly(cache), period, period, TimeUnit.MILLISECONDS);
        }
        return refresher;
    }

    private static void refreshQuietly(BucketCache cache) {
        try {
            cache.refresh();
        } catch (RuntimeException e) {
            // The next request refreshes or answers 503 itself; this only runs ahead of it.
            log.debug("background cache refresh failed", e);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        dataSource.close();
    }
}
