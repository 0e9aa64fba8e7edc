package io.useranalytics.common.config;

import java.util.Objects;

/** Where a service listens (HTTP_HOST, default 127.0.0.1, and HTTP_PORT), and its limits. */
public record HttpConfig(String host, int port, HttpLimits limits) {
    public HttpConfig {
        Objects.requireNonNull(host, "host == null");
        Objects.requireNonNull(limits, "limits == null");
    }

    public static HttpConfig from(Env env, int defaultPort) {
        return new HttpConfig(
                env.string("HTTP_HOST", "127.0.0.1"),
                env.port("HTTP_PORT", defaultPort),
                HttpLimits.from(env));
    }
}
