package io.useranalytics.bench;

import io.javalin.config.RoutesConfig;
import io.useranalytics.common.http.MetricsRoute;
import io.useranalytics.common.http.ServiceServer;
import java.util.List;

/**
 * The HTTP ceiling: the services' own server set-up ({@link ServiceServer}) answering POST with 204
 * and GET with a fixed text, doing no work. Run as a process of its own, like the services.
 */
public final class NoopServer {
    private NoopServer() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv("HTTP_PORT"));
        ServiceServer.create(MetricsRoute.newRegistry(), List.of(NoopServer::routes))
                .start("127.0.0.1", port);
    }

    private static void routes(RoutesConfig routes) {
        routes.post("/noop", ctx -> ctx.status(204));
        routes.get("/noop", ctx -> ctx.result("unique_users,0\nclicks,0\nimpressions,0\n"));
    }
}
