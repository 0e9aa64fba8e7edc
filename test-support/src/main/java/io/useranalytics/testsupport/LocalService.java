package io.useranalytics.testsupport;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.useranalytics.common.config.HttpLimits;
import io.useranalytics.common.http.HttpService;
import io.useranalytics.common.http.MetricsRoute;
import io.useranalytics.common.http.ServiceServer;
import java.util.List;
import java.util.function.Function;

/** A service under test on its own server at 127.0.0.1 and a free port; closing stops both. */
public final class LocalService<S extends HttpService> implements AutoCloseable {
    private final S app;
    private final Javalin server;
    private final PrometheusMeterRegistry registry;

    private LocalService(S app, Javalin server, PrometheusMeterRegistry registry) {
        this.app = app;
        this.server = server;
        this.registry = registry;
    }

    public static <S extends HttpService> LocalService<S> start(
            Function<PrometheusMeterRegistry, S> connect) {
        PrometheusMeterRegistry registry = MetricsRoute.newRegistry();
        S app = connect.apply(registry);
        Javalin server =
                ServiceServer.create(registry, List.of(app), HttpLimits.DEFAULTS)
                        .start("127.0.0.1", 0);
        return new LocalService<>(app, server, registry);
    }

    public S app() {
        return app;
    }

    public Javalin server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public Http http() {
        return new Http(server.port());
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop();
        app.close();
    }
}
