package io.useranalytics.common.http;

import io.useranalytics.record.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads query parameters that must be given once. */
public final class QueryParameters {
    private QueryParameters() {}

    /** The parameter's one value, or {@code defaultValue} when it is absent. */
    public static String singleOr(
            Map<String, List<String>> queryParams, String name, String defaultValue) {
        return queryParams.containsKey(name) ? single(queryParams, name) : defaultValue;
    }

    /** The parameter's one value, if it is given. */
    public static Optional<String> optional(Map<String, List<String>> queryParams, String name) {
        return queryParams.containsKey(name)
                ? Optional.of(single(queryParams, name))
                : Optional.empty();
    }

    public static String single(Map<String, List<String>> queryParams, String name) {
        List<String> values = queryParams.getOrDefault(name, List.of());
        if (values.isEmpty()) {
            throw new InvalidInputException(name, name + " is missing");
        }
        if (values.size() > 1) {
            throw new InvalidInputException(name, name + " is given " + values.size() + " times");
        }
        return values.get(0);
    }
}
