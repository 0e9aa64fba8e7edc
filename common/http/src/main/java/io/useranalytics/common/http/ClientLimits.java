package io.useranalytics.common.http;

import io.useranalytics.common.config.HttpLimits;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * Jetty's defences against clients that hold the server without using it: a body declared larger
 * than the services take is a 413 at once, a body is read before a thread takes the request (up to
 * {@value #EAGER_BYTES} bytes), a body slower than the minimum rate is cut with a 408, a connection
 * idle for {@link #IDLE_TIMEOUT} is closed, requests beyond the concurrent maximum wait for a place
 * (health and metrics never do), and connections beyond the maximum wait to be accepted. Without
 * them, 260 clients each sending a body a byte every five seconds held every thread, health checks
 * included.
 */
final class ClientLimits {
    static final int EAGER_BYTES = 16 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration MAX_WAIT_FOR_A_PLACE = Duration.ofSeconds(5);

    private ClientLimits() {}

    static void apply(HttpLimits limits, BodyLimit bodyLimit, Server server) {
        // insertHandler puts each handler outermost: the last inserted sees a request first.
        // A request takes one of the concurrent places only once its body is in (or past the
        // eager bytes), so requests still trickling in hold no place.
        QoSHandler places = new QoSHandler();
        places.setMaxRequestCount(limits.maxConcurrentRequests());
        places.setMaxSuspend(MAX_WAIT_FOR_A_PLACE);
        places.excludePath(Health.LIVE_PATH);
        places.excludePath(Health.READY_PATH);
        places.excludePath(MetricsRoute.PATH);
        server.insertHandler(places);
        server.insertHandler(
                new EagerContentHandler(
                        new EagerContentHandler.RetainedContentLoaderFactory(
                                EAGER_BYTES, -1, false)));
        server.insertHandler(new MinimumBodyRate(limits.minRequestBytesPerSecond()));
        // Outermost: a declared length over the limit is a 413 before any byte of it is awaited.
        server.insertHandler(new DeclaredBodyLimit(bodyLimit));
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
    }

    static void apply(HttpConfiguration http) {
        http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    }
}
