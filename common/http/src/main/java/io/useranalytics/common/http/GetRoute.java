package io.useranalytics.common.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/**
 * A GET route that answers HEAD with the same handler. Javalin answers HEAD on a GET path with an
 * empty 200 without running the handler: an API key check or a readiness check in it never ran.
 */
public final class GetRoute {
    private GetRoute() {}

    public static void add(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }
}
