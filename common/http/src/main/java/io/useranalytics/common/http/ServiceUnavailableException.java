package io.useranalytics.common.http;

import java.time.Duration;
import java.util.Objects;

/** A dependency (Kafka, the database) did not answer in time; the client should retry later. */
public final class ServiceUnavailableException extends RuntimeException {
    private final Duration retryAfter;

    public ServiceUnavailableException(String detail, Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(detail, "detail == null"), cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null");
    }

    public ServiceUnavailableException(String detail, Duration retryAfter) {
        super(Objects.requireNonNull(detail, "detail == null"));
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
