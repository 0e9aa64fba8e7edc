package io.useranalytics.record;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The one rule for reading a timestamp, shared by HTTP and Kafka: an integer below {@value
 * #MILLIS_THRESHOLD} is epoch seconds, a larger one epoch milliseconds, anything else must be an
 * ISO-8601 instant with an offset. Finer than milliseconds is truncated.
 */
public final class EventTimestamps {
    /** The smallest integer read as epoch milliseconds (1973-03-03 in millis, year 5138 in s). */
    public static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final String PARAMETER = "timestamp";
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

    private EventTimestamps() {}

    public static GivenTimestamp parse(String text) {
        if (text.isEmpty()) {
            throw new InvalidInputException(PARAMETER, "timestamp is empty");
        }
        if (INTEGER.matcher(text).matches()) {
            try {
                return fromEpochNumber(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw outOfRange(text);
            }
        }
        return fromIso(text);
    }

    /** An integer whose unit is known to be milliseconds, whatever its size. */
    public static GivenTimestamp fromEpochMillis(long value) {
        try {
            return inYears1To9999(
                    new GivenTimestamp(Instant.ofEpochMilli(value), ChronoUnit.MILLIS),
                    Long.toString(value));
        } catch (DateTimeException e) {
            throw outOfRange(Long.toString(value));
        }
    }

    public static GivenTimestamp fromEpochNumber(long value) {
        if (value >= MILLIS_THRESHOLD) {
            return fromEpochMillis(value);
        }
        try {
            return inYears1To9999(
                    new GivenTimestamp(Instant.ofEpochSecond(value), ChronoUnit.SECONDS),
                    Long.toString(value));
        } catch (DateTimeException e) {
            throw outOfRange(Long.toString(value));
        }
    }

    private static GivenTimestamp inYears1To9999(GivenTimestamp timestamp, String text) {
        if (timestamp.instant().isBefore(FIRST) || timestamp.instant().isAfter(LAST)) {
            throw outOfRange(text);
        }
        return timestamp;
    }

    private static GivenTimestamp fromIso(String text) {
        Instant instant;
        try {
            instant =
                    OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    PARAMETER,
                    "timestamp '"
                            + shorten(text)
                            + "' is not epoch seconds, epoch millis or ISO-8601"
                            + " (e.g. 1224567997, 1224567997000 or 2008-10-21T05:46:37Z)");
        }
        if (instant.getNano() == 0 && !text.contains(".")) {
            return inYears1To9999(new GivenTimestamp(instant, ChronoUnit.SECONDS), text);
        }
        return inYears1To9999(
                new GivenTimestamp(instant.truncatedTo(ChronoUnit.MILLIS), ChronoUnit.MILLIS),
                text);
    }

    private static InvalidInputException outOfRange(String text) {
        return new InvalidInputException(
                PARAMETER,
                "timestamp '"
                        + shorten(text)
                        + "' is outside the representable range (years 1 to 9999)");
    }

    public static String shorten(String text) {
        if (text.length() <= 64) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(63)) ? 63 : 64; // never half a pair
        return text.substring(0, end) + "...";
    }
}
