package io.useranalytics.query;

import io.useranalytics.record.EventTimestamps;
import io.useranalytics.record.InvalidInputException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;

/**
 * The rows of a series, on the clock of a time zone: minutes and hours start on its local clock
 * (UTC's instants, save in zones whose offset is not a whole number of hours); days, calendar weeks
 * (from Monday) and calendar months are the zone's own, so a day may last 23 or 25 hours. The
 * rollup buckets that answer a row are UTC's ({@link WindowCover}).
 */
enum Step {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    ONE_DAY("1d", null),
    ONE_WEEK("1w", null),
    ONE_MONTH("1mo", null);

    private final String name;

    /** The length of a row, for the steps of fixed length; null for calendar ones. */
    private final Duration fixed;

    Step(String name, Duration fixed) {
        this.name = name;
        this.fixed = fixed;
    }

    /** The start of the row that holds {@code instant}. */
    Instant floor(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        return switch (this) {
            case ONE_MINUTE -> local.truncatedTo(ChronoUnit.MINUTES).toInstant();
            case FIVE_MINUTES -> {
                ZonedDateTime minute = local.truncatedTo(ChronoUnit.MINUTES);
                yield minute.minusMinutes(minute.getMinute() % 5).toInstant();
            }
            case ONE_HOUR -> local.truncatedTo(ChronoUnit.HOURS).toInstant();
            case ONE_DAY, ONE_WEEK, ONE_MONTH -> startOf(firstDay(local.toLocalDate()), zone);
        };
    }

    /** The start of the row after the one starting at {@code start}. */
    Instant next(Instant start, ZoneId zone) {
        if (fixed != null) {
            return start.plus(fixed);
        }
        LocalDate day = start.atZone(zone).toLocalDate();
        return startOf(
                switch (this) {
                    case ONE_WEEK -> day.plusWeeks(1);
                    case ONE_MONTH -> day.plusMonths(1);
                    default -> day.plusDays(1);
                },
                zone);
    }

    /** How many rows {@code [from, to)} touches, without walking them. */
    long rows(Instant from, Instant to, ZoneId zone) {
        Instant first = floor(from, zone);
        if (fixed != null) {
            long millis = fixed.toMillis();
            return (to.toEpochMilli() - first.toEpochMilli() + millis - 1) / millis;
        }
        Instant lastStart = floor(to.minusMillis(1), zone);
        LocalDate firstDay = first.atZone(zone).toLocalDate();
        LocalDate lastDay = lastStart.atZone(zone).toLocalDate();
        ChronoUnit unit =
                switch (this) {
                    case ONE_WEEK -> ChronoUnit.WEEKS;
                    case ONE_MONTH -> ChronoUnit.MONTHS;
                    default -> ChronoUnit.DAYS;
                };
        return unit.between(firstDay, lastDay) + 1;
    }

    /** The first day of the row holding {@code day}. */
    private LocalDate firstDay(LocalDate day) {
        return switch (this) {
            case ONE_WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case ONE_MONTH -> day.withDayOfMonth(1);
            default -> day;
        };
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    @Override
    public String toString() {
        return name;
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
                                                + "' is not 1m, 5m, 1h, 1d, 1w or 1mo"));
    }
}
