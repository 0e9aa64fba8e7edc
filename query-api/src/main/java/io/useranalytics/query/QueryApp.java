package io.useranalytics.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.config.RoutesConfig;
import io.javalin.plugin.Plugin;
import io.javalin.plugin.bundled.CorsPlugin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.common.health.ReadinessCheck;
import io.useranalytics.common.http.GetRoute;
import io.useranalytics.common.http.HttpService;
import io.useranalytics.store.Database;
import io.useranalytics.store.DatabaseReadiness;
import io.useranalytics.store.SchemaStartup;
import io.useranalytics.store.ServerState;
import io.useranalytics.store.TableRights;
import io.useranalytics.store.events.EventBlockReader;
import io.useranalytics.store.retention.RetentionHorizons;
import io.useranalytics.store.rollup.RollupReader;
import io.useranalytics.store.users.NewUserReader;
import java.time.Clock;
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

    /** How often the retention horizons are read: far within the writer's grace of an hour. */
    private static final Duration HORIZONS_EVERY = Duration.ofSeconds(30);

    private final QueryConfig config;
    private final HikariDataSource dataSource;
    private final SummaryReader reader;
    private final ReplayLag replayLag;
    private final ScheduledExecutorService refresher;

    private QueryApp(
            QueryConfig config,
            HikariDataSource dataSource,
            SummaryReader reader,
            ReplayLag replayLag,
            ScheduledExecutorService refresher) {
        this.config = config;
        this.dataSource = dataSource;
        this.reader = reader;
        this.replayLag = replayLag;
        this.refresher = refresher;
    }

    /**
     * Opens the pool and checks the schema is current and readable (or, with DATABASE_MIGRATE=true,
     * brings it up to date); meters go to {@code registry}.
     */
    public static QueryApp connect(QueryConfig config, MeterRegistry registry) {
        HikariDataSource dataSource = Database.open(config.database(), "query", registry);
        try {
            SchemaStartup.prepare(dataSource, config.database(), TableRights.READ, "query-api");
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        BucketCache cache =
                new BucketCache(
                        new RollupReader(dataSource),
                        config.maxStaleness(),
                        config.cacheMegabytes() * 1024L * 1024L,
                        System::nanoTime);
        Gauge.builder("query.cache.buckets", cache, BucketCache::size)
                .description("rollup buckets held in memory")
                .register(registry);
        FunctionCounter.builder("query.database.rewinds", cache, BucketCache::rewinds)
                .description(
                        "times the cache was dropped because the database went back in time or"
                                + " changed (failover, restore)")
                .register(registry);
        Gauge.builder("query.cache.bytes", cache, BucketCache::bytes)
                .description("bytes the held buckets take, each with its overhead")
                .baseUnit("bytes")
                .register(registry);
        ReplayLag replayLag =
                new ReplayLag(() -> ServerState.read(dataSource), config.maxReplayLag());
        replayLag.registerIn(registry);
        RetentionHorizonCheck retention =
                new RetentionHorizonCheck(() -> new RetentionHorizons().read(dataSource));
        retention.refresh();
        return new QueryApp(
                config,
                dataSource,
                new SummaryReader(cache, new RawEdges(new EventBlockReader(dataSource)), retention),
                replayLag,
                refresher(cache, retention, config.maxStaleness()));
    }

    /** Adds this service's routes to a server that may host other services too. */
    @Override
    public void addRoutes(RoutesConfig routes) {
        var mapper = new ObjectMapper();
        var keys = config.apiKeys();
        var assets = DashboardAssets.load();
        GetRoute.add(routes, "/analytics", keys.protect(new GetSummaryHandler(reader, mapper)));
        GetRoute.add(
                routes, "/analytics/series", keys.protect(new GetSeriesHandler(reader, mapper)));
        GetRoute.add(
                routes,
                "/analytics/active",
                keys.protect(new GetActiveHandler(new ActiveUsers(reader), mapper)));
        GetRoute.add(
                routes,
                "/analytics/retention",
                keys.protect(
                        new GetRetentionHandler(
                                new RetentionCohorts(
                                        reader,
                                        new FirstEventUsers(new NewUserReader(dataSource)),
                                        Clock.systemUTC()),
                                mapper)));
        GetRoute.add(routes, "/", assets.page());
        GetRoute.add(routes, "/docs", assets.docs());
        GetRoute.add(routes, "/assets/{file}", assets.file());
    }

    @Override
    public List<ReadinessCheck> readinessChecks() {
        return List.of(DatabaseReadiness.check(dataSource), replayLag.check());
    }

    @Override
    public List<String> openApiResources() {
        return List.of("openapi/query-api.json");
    }

    /** CORS for browser dashboards, when QUERY_CORS_ORIGINS names origins. */
    @Override
    public List<Plugin<?>> plugins() {
        List<String> origins = config.corsOrigins();
        if (origins.isEmpty()) {
            return List.of();
        }
        return List.of(
                new CorsPlugin(
                        cors ->
                                cors.addRule(
                                        rule -> {
                                            if (origins.contains("*")) {
                                                rule.anyHost();
                                            } else {
                                                rule.allowHost(
                                                        origins.get(0),
                                                        origins.subList(1, origins.size())
                                                                .toArray(String[]::new));
                                            }
                                        })));
    }

    /**
     * Refreshes the cache four times per staleness bound, so that requests rarely wait for a
     * refresh; they still refresh themselves if this falls behind. None for a bound of 0. Reads the
     * retention horizons every {@link #HORIZONS_EVERY}.
     */
    private static ScheduledExecutorService refresher(
            BucketCache cache, RetentionHorizonCheck retention, Duration maxStaleness) {
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
        refresher.scheduleWithFixedDelay(
                retention::refresh,
                HORIZONS_EVERY.toSeconds(),
                HORIZONS_EVERY.toSeconds(),
                TimeUnit.SECONDS);
        return refresher;
    }

    private static void refreshQuietly(BucketCache cache) {
        try {
            cache.refreshIfUsed();
        } catch (RuntimeException e) {
            // The next request refreshes or answers 503 itself; this only runs ahead of it.
            log.debug("background cache refresh failed", e);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        replayLag.close();
        dataSource.close();
    }
}
