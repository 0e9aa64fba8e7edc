package io.useranalytics.common.config;

/**
 * What keeps one client's connections from taking the server from the others: a request body must
 * arrive at {@code minRequestBytesPerSecond} on average (HTTP_MIN_REQUEST_BYTES_PER_SECOND, default
 * 1024), at most {@code maxConcurrentRequests} requests run at once beside health and metrics
 * (HTTP_MAX_CONCURRENT_REQUESTS, default 200; more wait up to 5 s, then 503), and at most {@code
 * maxConnections} connections are open (HTTP_MAX_CONNECTIONS, default 2,000; more wait to be
 * accepted).
 */
public record HttpLimits(
        int minRequestBytesPerSecond, int maxConcurrentRequests, int maxConnections) {
    public static final HttpLimits DEFAULTS = new HttpLimits(1024, 200, 2_000);

    public HttpLimits {
        if (minRequestBytesPerSecond < 1 || maxConcurrentRequests < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("limits must be positive: " + this);
        }
    }

    public static HttpLimits from(Env env) {
        return new HttpLimits(
                env.integer(
                        "HTTP_MIN_REQUEST_BYTES_PER_SECOND",
                        DEFAULTS.minRequestBytesPerSecond(),
                        1,
                        Integer.MAX_VALUE),
                env.integer(
                        "HTTP_MAX_CONCURRENT_REQUESTS",
                        DEFAULTS.maxConcurrentRequests(),
                        1,
                        10_000),
                env.integer("HTTP_MAX_CONNECTIONS", DEFAULTS.maxConnections(), 1, 1_000_000));
    }
}
