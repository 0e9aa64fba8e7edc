package io.useranalytics.writer.retention;

import io.useranalytics.common.config.Env;
import io.useranalytics.store.retention.RetainedData;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How long each kind of data is kept (RETENTION_EVENTS_DAYS, RETENTION_SECOND_ROLLUPS_DAYS,
 * RETENTION_MINUTE_ROLLUPS_DAYS, RETENTION_HOUR_ROLLUPS_DAYS, RETENTION_DAY_ROLLUPS_DAYS), and
 * after how long TimescaleDB compresses event chunks (TIMESCALE_COMPRESS_AFTER_HOURS). Days count
 * back from the clock, by the events' own times; 0 keeps that data for ever. The defaults keep a
 * year of hourly answers; docs/operations.md gives the storage each implies.
 */
public record RetentionConfig(Map<RetainedData, Integer> days, int compressAfterHours) {
    private static final int MAX_DAYS = 36_500;

    public RetentionConfig {
        days = Map.copyOf(days);
        for (RetainedData data : RetainedData.values()) {
            Objects.requireNonNull(days.get(data), "no retention for " + data);
        }
    }

    public static RetentionConfig from(Env env) {
        Map<RetainedData, Integer> days = new EnumMap<>(RetainedData.class);
        days.put(RetainedData.EVENTS, env.integer(variable(RetainedData.EVENTS), 2, 0, MAX_DAYS));
        days.put(
                RetainedData.SECOND_ROLLUPS,
                env.integer(variable(RetainedData.SECOND_ROLLUPS), 7, 0, MAX_DAYS));
        days.put(
                RetainedData.MINUTE_ROLLUPS,
                env.integer(variable(RetainedData.MINUTE_ROLLUPS), 35, 0, MAX_DAYS));
        days.put(
                RetainedData.HOUR_ROLLUPS,
                env.integer(variable(RetainedData.HOUR_ROLLUPS), 400, 0, MAX_DAYS));
        days.put(
                RetainedData.DAY_ROLLUPS,
                env.integer(variable(RetainedData.DAY_ROLLUPS), 730, 0, MAX_DAYS));
        return new RetentionConfig(
                days, env.integer("TIMESCALE_COMPRESS_AFTER_HOURS", 24, 1, MAX_DAYS * 24));
    }

    /** The environment variable that sets how long {@code data} is kept. */
    static String variable(RetainedData data) {
        return switch (data) {
            case EVENTS -> "RETENTION_EVENTS_DAYS";
            case SECOND_ROLLUPS -> "RETENTION_SECOND_ROLLUPS_DAYS";
            case MINUTE_ROLLUPS -> "RETENTION_MINUTE_ROLLUPS_DAYS";
            case HOUR_ROLLUPS -> "RETENTION_HOUR_ROLLUPS_DAYS";
            case DAY_ROLLUPS -> "RETENTION_DAY_ROLLUPS_DAYS";
        };
    }

    /** How long {@code data} is kept; empty when it is kept for ever. */
    Optional<Duration> of(RetainedData data) {
        int kept = days.get(data);
        return kept == 0 ? Optional.empty() : Optional.of(Duration.ofDays(kept));
    }

    /** Whether {@code data} is kept for ever (its setting is 0). */
    public boolean keepsForEver(RetainedData data) {
        return days.get(data) == 0;
    }

    /** E.g. "RETENTION_EVENTS_DAYS=7": what a refused query names. */
    String setting(RetainedData data) {
        return variable(data) + "=" + days.get(data);
    }

    Duration compressAfter() {
        return Duration.ofHours(compressAfterHours);
    }
}
