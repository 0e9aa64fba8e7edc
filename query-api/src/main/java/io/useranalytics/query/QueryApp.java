package io.useranalytics.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.useranalytics.common.db.Database;
import io.useranalytics.common.db.SchemaMigrations;
import io.useranalytics.common.http.Health;
import io.useranalytics.common.http.ProblemResponses;

/** The composition root of query-api: builds its collaborators and registers its routes. */
public final class QueryApp implements AutoCloseable {
    private final HikariDataSource dataSource;

    private QueryApp(HikariDataSource dataSource) {
        this.dataSource = dataSource;
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
        return new QueryApp(dataSource);
    }

    /** This service alone, with its problem responses; not started. */
    public Javalin server() {
        return Javalin.create(
                javalin -> {
                    configure(javalin);
                    Health.install(javalin.routes);
                    ProblemResponses.install(javalin.routes);
                });
    }

    /** Adds this service's settings and routes to a server that may host other services too. */
    public void configure(JavalinConfig javalin) {
        var getSummary =
                new GetHourSummaryHandler(new SummaryReader(dataSource), new ObjectMapper());
        javalin.startup.showJavalinBanner = false;
        javalin.http.prefer405over404 = true;
        javalin.routes.get("/analytics", getSummary);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
