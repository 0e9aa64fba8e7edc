package io.useranalytics.common.rollup;

import java.time.Duration;
import java.time.Instant;

/** The sizes of rollup buckets, aligned to UTC; {@code code} is what the database stores. */
public enum Granularity {
    SECOND(1, Duration.ofSeconds(1)),
    MINUTE(2, Duration.ofMinutes(1)),
    HOUR(3, Duration.ofHours(1));

    private final short code;
    private final Duration size;

    Granularity(int code, Duration size) {
        this.code = (short) code;
        this.size = size;
    }

    public short code() {
        return code;
    }

    public Duration size() {
        return size;
    }

    /** The start of the bucket of this size that holds {@code instant}. */
    public Instant bucketOf(Instant instant) {
        long millis = size.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis) * millis);
    }

    public boolean isAligned(Instant instant) {
        return bucketOf(instant).equals(instant);
    }

    public static Granularity ofCode(short code) {
        for (Granularity granularity : values()) {
            if (granularity.code == code) {
                return granularity;
            }
        }
        throw new IllegalArgumentException("no granularity with code " + code);
    }
}
