package io.useranalytics.common.health;

/**
 * Something a service needs (Kafka, the database) did not answer while it started. The message says
 * which, where, and what to check, so the process logs it as one line, without a stack trace.
 */
public final class DependencyUnavailableException extends RuntimeException {
    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
