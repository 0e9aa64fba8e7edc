package io.useranalytics.common.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.useranalytics.common.health.ReadinessCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * GET /health/live: the process serves HTTP. GET /health/ready: every dependency answers and
 * nothing blocks the work (200), else a 503 problem saying what does. Registered once per server,
 * for load balancers and healthchecks.
 */
public final class Health {
    public static final String LIVE_PATH = "/health/live";
    public static final String READY_PATH = "/health/ready";

    private Health() {}

    public static void install(RoutesConfig routes, List<ReadinessCheck> checks) {
        Map<String, ReadinessCheck> byName = new TreeMap<>();
        checks.forEach(check -> byName.putIfAbsent(check.name(), check));
        GetRoute.add(
                routes, LIVE_PATH, ctx -> ctx.contentType(ContentType.TEXT_PLAIN).result("live\n"));
        GetRoute.add(
                routes,
                READY_PATH,
                ctx -> {
                    StringBuilder report = new StringBuilder();
                    List<String> blockers =
                            byName.values().stream()
                                    .map(check -> check.blocker().get())
                                    .flatMap(Optional::stream)
                                    .toList();
                    if (!blockers.isEmpty()) {
                        throw new ServiceUnavailableException(
                                "not ready: " + String.join("; ", blockers), Duration.ofSeconds(5));
                    }
                    byName.forEach(
                            (name, check) ->
                                    report.append(name)
                                            .append(": ")
                                            .append(check.status().get())
                                            .append('\n'));
                    ctx.contentType(ContentType.TEXT_PLAIN).result("ready\n" + report);
                });
    }
}
