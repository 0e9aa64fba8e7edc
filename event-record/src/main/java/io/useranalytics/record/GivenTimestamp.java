package io.useranalytics.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An instant together with the precision it was given in: seconds or milliseconds. A window that
 * ends at a timestamp given in seconds includes the whole of that second.
 */
public record GivenTimestamp(Instant instant, ChronoUnit precision) {
    public GivenTimestamp {
        Objects.requireNonNull(instant, "instant == null");
        Objects.requireNonNull(precision, "precision == null");
        if (precision != ChronoUnit.SECONDS && precision != ChronoUnit.MILLIS) {
            throw new IllegalArgumentException("precision must be SECONDS or MILLIS: " + precision);
        }
        if (!instant.truncatedTo(precision).equals(instant)) {
            throw new IllegalArgumentException(instant + " is finer than " + precision);
        }
    }

    public static GivenTimestamp ofEpochMilli(long epochMilli) {
        return new GivenTimestamp(Instant.ofEpochMilli(epochMilli), ChronoUnit.MILLIS);
    }
}
