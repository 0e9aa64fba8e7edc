package io.useranalytics.common.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;

/** GET /health/live: the process serves HTTP. Registered once per server, for healthchecks. */
public final class Health {
    public static final String LIVE_PATH = "/health/live";

    private Health() {}

    public static void install(RoutesConfig routes) {
        routes.get(LIVE_PATH, ctx -> ctx.contentType(ContentType.TEXT_PLAIN).result("live\n"));
    }
}
