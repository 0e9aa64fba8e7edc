package io.useranalytics.embedded;

import java.util.Objects;
import java.util.Set;

/**
 * A second client listener of the embedded broker, named {@code SECURE}, speaking {@code protocol}
 * (SSL, SASL_PLAINTEXT or SASL_SSL) on {@code port}. Its key store, client authentication and SASL
 * mechanisms are broker settings like any other, e.g. {@code listener.name.secure.ssl.keystore
 * .location}. The plaintext listener stays for the broker's own use and for administration.
 */
public record SecureListener(String protocol, int port) {
    private static final Set<String> PROTOCOLS = Set.of("SSL", "SASL_PLAINTEXT", "SASL_SSL");

    public SecureListener {
        Objects.requireNonNull(protocol, "protocol == null");
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException(
                    "protocol " + protocol + " is not SSL, SASL_PLAINTEXT or SASL_SSL");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port number");
        }
    }
}
