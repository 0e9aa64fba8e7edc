package io.useranalytics.store.rollup;

import java.time.Duration;
import java.time.Instant;

/** The sizes of rollup buckets, aligned to UTC; {@code code} is what the database stores. */
public enum Granularity {
    SECOND(1, Duration.ofSeconds(1)),
    MINUTE(2, Duration.ofMinutes(1)),
    HOUR(3, Duration.ofHours(1)),
    DAY(4, Duration.ofDays(1));

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
        return Instant.ofEpochMilli(bucketOf(instant.toEpochMilli()));
    }

    public boolean isAligned(Instant instant) {
        return instant.getNano() % 1_000_000 == 0
                && Math.floorMod(instant.toEpochMilli(), size.toMillis()) == 0;
    }

    /**
     * The start, in epoch milliseconds, of the bucket of this size that holds {@code epochMilli}.
     */
    public long bucketOf(long epochMilli) {
        return alignedStart(epochMilli, size);
    }

    /**
     * The start of the UTC-aligned stretch of {@code size} that holds {@code instant}: the one rule
     * for buckets, the rollups' and a series' steps (5 minutes, a day) alike.
     */
    public static Instant alignedStart(Instant instant, Duration size) {
        return Instant.ofEpochMilli(alignedStart(instant.toEpochMilli(), size));
    }

    private static long alignedStart(long epochMilli, Duration size) {
        long millis = size.toMillis();
        return Math.floorDiv(epochMilli, millis) * millis;
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
