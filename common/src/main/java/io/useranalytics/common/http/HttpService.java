package io.useranalytics.common.http;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** A service with HTTP routes of its own: it builds its server and releases what it holds. */
public interface HttpService extends AutoCloseable {
    /** This service alone, its meters in {@code registry}; not started. */
    Javalin server(PrometheusMeterRegistry registry);

    @Override
    void close();

    /**
     * Starts {@code service} where {@code http} says; closing the result stops it, then closes it.
     */
    static AutoCloseable serve(
            io.useranalytics.common.config.HttpConfig http, HttpService service) {
        Javalin server = service.server(MetricsRoute.newRegistry()).start(http.host(), http.port());
        return () -> {
            server.stop();
            service.close();
        };
    }
}
