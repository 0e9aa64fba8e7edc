package io.useranalytics.common.http;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the Javalin server of one or more services: their routes, the liveness and metrics routes,
 * and problem+json answers for every error (405 rather than 404 for a known path).
 */
public final class ServiceServer {
    private ServiceServer() {}

    public static Javalin create(
            PrometheusMeterRegistry registry, List<Consumer<RoutesConfig>> routeSets) {
        return Javalin.create(
                javalin -> {
                    javalin.startup.showJavalinBanner = false;
                    javalin.http.prefer405over404 = true;
                    routeSets.forEach(routes -> routes.accept(javalin.routes));
                    Health.install(javalin.routes);
                    MetricsRoute.install(javalin.routes, registry);
                    ProblemResponses.install(javalin.routes);
                });
    }
}
