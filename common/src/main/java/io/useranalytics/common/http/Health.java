package io.useranalytics.common.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GET /health/live: the process serves HTTP. GET /health/ready: every dependency answers (200),
 * else a 503 problem naming those that do not. Registered once per server, for load balancers and
 * healthchecks.
 */
public final class Health {
    public static final String LIVE_PATH = "/health/live";
    public static final String READY_PATH = "/health/ready";

    private Health() {}

    public static void install(RoutesConfig routes, List<ReadinessCheck> checks) {
        Map<String, ReadinessCheck> byName = new TreeMap<>();
        checks.forEach(check -> byName.putIfAbsent(check.name(), check));
        routes.get(LIVE_PATH, ctx -> ctx.contentType(ContentType.TEXT_PLAIN).result("live\n"));
        routes.get(
                READY_PATH,
                ctx -> {
                    StringBuilder report = new StringBuilder();
                    List<String> down =
                            byName.values().stream()
                                    .filter(check -> !check.reachable().getAsBoolean())
                                    .map(ReadinessCheck::name)
                                    .toList();
                    if (!down.isEmpty()) {
                        throw new ServiceUnavailableException(
                                "not ready: cannot reach " + String.join(", ", down),
                                Duration.ofSeconds(5));
                    }
                    byName.keySet().forEach(name -> report.append(name).append(": ok\n"));
                    ctx.contentType(ContentType.TEXT_PLAIN).result("ready\n" + report);
                });
    }
}
