package io.useranalytics.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.useranalytics.common.db.Database;
import io.useranalytics.common.db.SchemaMigrations;
import io.useranalytics.common.http.ServiceServer;
import io.useranalytics.common.rollup.RollupStore;
import java.util.List;

/** The composition root of query-api: builds its collaborators and registers its routes. */
public final class QueryApp implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final SummaryReader reader;

    private QueryApp(HikariDataSource dataSource, SummaryReader reader) {
        this.dataSource = dataSource;
        this.reader = reader;
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
        return new QueryApp(dataSource, new SummaryReader(cache, new RawEdges(dataSource)));
    }

    /** This service alone, not started. */
    public Javalin server(PrometheusMeterRegistry registry) {
        return ServiceServer.create(registry, List.of(this::addRoutes));
    }

    /** Adds this service's routes to a server that may host other services too. */
    public void addRoutes(RoutesConfig routes) {
        var mapper = new ObjectMapper();
        routes.get("/analytics", new GetHourSummaryHandler(reader, mapper));
        routes.get("/analytics/series", new GetSeriesHandler(reader, mapper));
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
