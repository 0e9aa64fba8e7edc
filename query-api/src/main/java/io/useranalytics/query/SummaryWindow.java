package io.useranalytics.query;

import io.useranalytics.record.GivenTimestamp;
import io.useranalytics.record.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The stretch of time a GET asks about, as {@code [from, endExclusive)} at a precision: the
 * trailing hour {@code [T - 1h, T]} (both ends inclusive at the precision T was given in), the
 * calendar hour (UTC) that holds T, or a range {@code [A, B)} of up to {@value #MAX_RANGE_DAYS}
 * days.
 */
record SummaryWindow(Instant from, Instant endExclusive, ChronoUnit precision) {
    static final Duration LENGTH = Duration.ofHours(1);

    /** Two years, a leap day included: what day rollups keep by default. */
    static final int MAX_RANGE_DAYS = 731;

    SummaryWindow {
        Objects.requireNonNull(from, "from == null");
        Objects.requireNonNull(endExclusive, "endExclusive == null");
        Objects.requireNonNull(precision, "precision == null");
        if (!from.isBefore(endExclusive)) {
            throw new IllegalArgumentException("empty window " + from + " .. " + endExclusive);
        }
    }

    static SummaryWindow trailing(GivenTimestamp end) {
        Instant to = end.instant();
        return new SummaryWindow(to.minus(LENGTH), to.plus(1, end.precision()), end.precision());
    }

    static SummaryWindow calendarHour(GivenTimestamp within) {
        Instant start = within.instant().truncatedTo(ChronoUnit.HOURS);
        return new SummaryWindow(start, start.plus(LENGTH), ChronoUnit.SECONDS);
    }

    /**
     * {@code [from, to)}: {@code to} itself is outside, at the precision it was given in.
     *
     * @throws InvalidInputException if {@code to} is not after {@code from} or the range is longer
     *     than {@value #MAX_RANGE_DAYS} days
     */
    static SummaryWindow range(GivenTimestamp from, GivenTimestamp to) {
        requireRange(from.instant(), to.instant());
        ChronoUnit finest =
                from.precision() == ChronoUnit.MILLIS ? ChronoUnit.MILLIS : to.precision();
        return new SummaryWindow(from.instant(), to.instant(), finest);
    }

    /**
     * @throws InvalidInputException if {@code to} is not after {@code from} or the range is longer
     *     than {@value #MAX_RANGE_DAYS} days
     */
    static void requireRange(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "to " + to + " is not after from " + from);
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_RANGE_DAYS)) > 0) {
            throw new InvalidInputException(
                    "to",
                    "from " + from + " to " + to + " is longer than " + MAX_RANGE_DAYS + " days");
        }
    }

    /** The last instant inside the window, at its precision. */
    Instant to() {
        return endExclusive.minus(1, precision);
    }
}
