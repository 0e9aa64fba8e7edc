package io.useranalytics.query;

import io.useranalytics.common.event.GivenTimestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The trailing hour {@code [T - 1h, T]}, both ends inclusive at the precision T was given in: for T
 * in seconds the whole second T is inside, for T in milliseconds just that millisecond.
 */
record HourWindow(GivenTimestamp end) {
    static final Duration LENGTH = Duration.ofHours(1);

    HourWindow {
        Objects.requireNonNull(end, "end == null");
    }

    /** The first instant inside the window. */
    Instant from() {
        return end.instant().minus(LENGTH);
    }

    /** The last instant named by the window, at its precision. */
    Instant to() {
        return end.instant();
    }

    /** The first instant after the window: {@code T} plus one unit of its precision. */
    Instant endExclusive() {
        return end.instant().plus(1, end.precision());
    }
}
