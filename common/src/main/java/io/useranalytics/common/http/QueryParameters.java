package io.useranalytics.common.http;

import io.useranalytics.common.event.InvalidInputException;
import java.util.List;
import java.util.Map;

/** Reads query parameters that must be given once. */
public final class QueryParameters {
    private QueryParameters() {}

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
