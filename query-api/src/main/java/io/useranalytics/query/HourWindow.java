package io.useranalytics.query;

import io.useranalytics.common.event.GivenTimestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The hour a GET asks about, as {@code [from, endExclusive)} at a precision: either the trailing
 * hour {@code [T - 1h, T]} (both ends inclusive at the precision T was given in) or the calendar
 * hour (UTC) that holds T.
 */
record HourWindow(Instant from, Instant endExclusive, ChronoUnit precision) {
    static final Duration LENGTH = Duration.ofHours(1);

    HourWindow {
        Objects.requireNonNull(from, "from == null");
        Objects.requireNonNull(endExclusive, "endExclusive == null");
        Objects.requireNonNull(precision, "precision == null");
        if (!from.isBefore(endExclusive)) {
            throw new IllegalArgumentException("empty window " + from + " .. " + endExclusive);
        }
    }

    static HourWindow trailing(GivenTimestamp end) {
        Instant to = end.instant();
        return new HourWindow(to.minus(LENGTH), to.plus(1, end.precision()), end.precision());
    }

    static HourWindow calendarHour(GivenTimestamp within) {
        Instant start = within.instant().truncatedTo(ChronoUnit.HOURS);
        return new HourWindow(start, start.plus(LENGTH), ChronoUnit.SECONDS);
    }

    /** The last instant inside the window, at its precision. */
    Instant to() {
        return endExclusive.minus(1, precision);
    }
}
