package io.useranalytics.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A ratio measured once per pair, read by its median. */
record Ratios(List<Double> values) {
    Ratios {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no ratios");
        }
    }

    double median() {
        return values.get(medianIndex());
    }

    /** The index of the median value (the lower middle one for an even count). */
    int medianIndex() {
        List<Integer> order = new ArrayList<>(IntStream.range(0, values.size()).boxed().toList());
        order.sort(Comparator.comparingDouble(values::get));
        return order.get((values.size() - 1) / 2);
    }

    /** The median as a percentage, then every pair's, e.g. "60% (pairs: 58%, 60%, 63%)". */
    String percentages() {
        return String.format("%.0f%%", 100 * median())
                + values.stream()
                        .map(v -> String.format("%.0f%%", 100 * v))
                        .collect(Collectors.joining(", ", " (pairs: ", ")"));
    }

    /** The median as a factor, then every pair's, e.g. "0.91x (rounds: 0.88x, 0.91x, 1.02x)". */
    String factors(String unit) {
        return String.format("%.2fx", median())
                + values.stream()
                        .map(v -> String.format("%.2fx", v))
                        .collect(Collectors.joining(", ", " (" + unit + ": ", ")"));
    }
}
