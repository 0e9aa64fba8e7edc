package io.useranalytics.bench;

import io.javalin.config.RoutesConfig;
import io.useranalytics.common.config.HttpLimits;
import io.useranalytics.common.health.ReadinessCheck;
import io.useranalytics.common.http.BodyLimit;
import io.useranalytics.common.http.HttpService;
import io.useranalytics.common.http.MetricsRoute;
import io.useranalytics.common.http.ServiceServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP ceiling: the services' own server set-up ({@link ServiceServer}) answering POST with 204
 * and GET with a fixed text, doing no work. Run as a process of its own, like the services.
 *
 * <p>{@code POST /noop/async} answers as ingest-api does, without Kafka: the request's thread
 * returns at once and a thread of a small pool completes the answer. What the asynchronous answer
 * costs by itself.
 */
public final class NoopServer implements HttpService {
    private final ExecutorService answers =
            Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv("HTTP_PORT"));
        ServiceServer.create(
                        MetricsRoute.newRegistry(), List.of(new NoopServer()), HttpLimits.DEFAULTS)
                .start("127.0.0.1", port);
    }

    @Override
    public void addRoutes(RoutesConfig routes) {
        routes.post("/noop", ctx -> ctx.status(204));
        routes.post(
                "/noop/async",
                ctx ->
                        ctx.future(
                                () -> CompletableFuture.runAsync(() -> ctx.status(204), answers)));
        routes.get("/noop", ctx -> ctx.result("unique_users,0\nclicks,0\nimpressions,0\n"));
    }

    /** As much as ingest-api takes: the no-op answers the same bodies. */
    @Override
    public BodyLimit bodyLimit() {
        return new BodyLimit(64L * 1024 * 1024, "the no-op's limit");
    }

    @Override
    public List<ReadinessCheck> readinessChecks() {
        return List.of();
    }

    @Override
    public List<String> openApiResources() {
        return List.of();
    }

    @Override
    public void close() {
        answers.shutdown();
    }
}
