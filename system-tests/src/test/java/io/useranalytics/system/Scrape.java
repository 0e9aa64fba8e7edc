package io.useranalytics.system;

import java.util.Arrays;

/** A Prometheus text scrape, read the way a test needs: the sum of a metric's matching series. */
public record Scrape(String text) {
    /** Sums the samples of {@code name} whose labels contain every one of {@code labels}. */
    public double sum(String name, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    public boolean has(String name) {
        return text.lines().anyMatch(line -> line.startsWith(name));
    }
}
