package io.useranalytics.common.http;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.plugin.Plugin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.useranalytics.common.config.HttpConfig;
import io.useranalytics.common.health.ReadinessCheck;
import java.util.List;
import java.util.function.Function;

/**
 * A service that a {@link ServiceServer} hosts: its routes, what it needs to be ready, its part of
 * the OpenAPI document; closing it releases what it holds.
 */
public interface HttpService extends AutoCloseable {
    void addRoutes(RoutesConfig routes);

    /** What must answer for this service to be ready (GET /health/ready). */
    List<ReadinessCheck> readinessChecks();

    /** Classpath resources with this service's paths in OpenAPI 3 JSON. */
    List<String> openApiResources();

    /**
     * The largest request body the service takes: a request that declares more is answered 413
     * before anything reads it. Services that take no bodies keep the default.
     */
    default BodyLimit bodyLimit() {
        return BodyLimit.SMALL;
    }

    /** Javalin plugins the service needs on its server, e.g. CORS. */
    default List<Plugin<?>> plugins() {
        return List.of();
    }

    @Override
    void close();

    /**
     * Connects a service with a new registry of its own and starts it where {@code http} says;
     * closing the result stops it, then closes it.
     */
    static AutoCloseable serve(
            HttpConfig http, Function<PrometheusMeterRegistry, HttpService> connect) {
        PrometheusMeterRegistry registry = MetricsRoute.newRegistry();
        HttpService service = connect.apply(registry);
        Javalin server =
                ServiceServer.create(registry, List.of(service), http.limits())
                        .start(http.host(), http.port());
        return () -> {
            server.stop();
            service.close();
        };
    }
}
