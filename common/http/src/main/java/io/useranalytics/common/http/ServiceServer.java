package io.useranalytics.common.http;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.useranalytics.common.config.HttpLimits;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the Javalin server of one or more services: their routes and plugins, health, metrics and
 * OpenAPI routes, request metrics, problem+json answers for every error (405 rather than 404 for a
 * known path), and the {@link ClientLimits} that keep slow or many clients from holding it.
 */
public final class ServiceServer {
    private ServiceServer() {}

    public static Javalin create(
            PrometheusMeterRegistry registry, List<HttpService> services, HttpLimits limits) {
        return Javalin.create(
                javalin -> {
                    javalin.startup.showJavalinBanner = false;
                    javalin.jetty.modifyHttpConfiguration(ClientLimits::apply);
                    BodyLimit maxBody =
                            services.stream()
                                    .map(HttpService::bodyLimit)
                                    .max(Comparator.comparingLong(BodyLimit::bytes))
                                    .orElse(BodyLimit.SMALL);
                    javalin.jetty.modifyServer(
                            server -> ClientLimits.apply(limits, maxBody, server));
                    javalin.http.prefer405over404 = true;
                    javalin.jetty.modifyServer(
                            server -> server.setErrorHandler(new UnparsableRequests()));
                    javalin.requestLogger.http(new RequestMetrics(registry));
                    javalin.routes.before(ResponseDefaults::apply);
                    javalin.routes.before(StrictQueryString::check);
                    javalin.routes.after(ResponseDefaults::declareJsonCharset);
                    services.forEach(
                            service -> {
                                service.addRoutes(javalin.routes);
                                service.plugins().forEach(javalin::registerPlugin);
                            });
                    Health.install(
                            javalin.routes,
                            services.stream()
                                    .flatMap(service -> service.readinessChecks().stream())
                                    .toList());
                    MetricsRoute.install(javalin.routes, registry);
                    OpenApiDocument.install(
                            javalin.routes,
                            services.stream()
                                    .flatMap(service -> service.openApiResources().stream())
                                    .toList());
                    ProblemResponses.install(javalin.routes);
                });
    }
}
