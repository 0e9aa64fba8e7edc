package io.useranalytics.common.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.Optional;

/** An RFC 9457 problem detail, as sent in an {@code application/problem+json} body. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        Optional<String> parameter) {
    public Problem {
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(detail, "detail == null");
        Objects.requireNonNull(instance, "instance == null");
        Objects.requireNonNull(parameter, "parameter == null");
    }
}
