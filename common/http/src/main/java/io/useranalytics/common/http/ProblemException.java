package io.useranalytics.common.http;

import io.javalin.http.HttpStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An answer that is a problem: its status, a detail for people, and extension members for programs
 * (e.g. which lines of a batch were rejected). Thrown by handlers, sent by {@link
 * ProblemResponses}.
 */
public final class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final Map<String, Object> extensions;

    public ProblemException(HttpStatus status, String detail, Map<String, Object> extensions) {
        super(Objects.requireNonNull(detail, "detail == null"));
        this.status = Objects.requireNonNull(status, "status == null");
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public ProblemException(HttpStatus status, String detail) {
        this(status, detail, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
