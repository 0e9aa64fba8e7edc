package io.useranalytics.query;

import io.useranalytics.record.EventTimestamps;
import io.useranalytics.record.InvalidInputException;
import io.useranalytics.store.rollup.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** The bucket sizes of a series, aligned to UTC. */
enum Step {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    ONE_DAY("1d", Duration.ofDays(1));

    private final String name;
    private final Duration size;

    Step(String name, Duration size) {
        this.name = name;
        this.size = size;
    }

    Duration size() {
        return size;
    }

    Instant floor(Instant instant) {
        return Granularity.alignedStart(instant, size);
    }

    static Step parse(String name) {
        return Arrays.stream(values())
                .filter(step -> step.name.equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new InvalidInputException(
                                        "step",
                                        "step '"
                                                + EventTimestamps.shorten(name)
                                                + "' is not 1m, 5m, 1h or 1d"));
    }
}
