package io.useranalytics.store.retention;

import io.useranalytics.store.rollup.Granularity;
import java.util.Optional;

/** What retention keeps for a time of its own: raw events, and each granularity of rollups. */
public enum RetainedData {
    EVENTS("events", "raw events", Optional.empty()),
    SECOND_ROLLUPS("second", "per-second rollups", Optional.of(Granularity.SECOND)),
    MINUTE_ROLLUPS("minute", "per-minute rollups", Optional.of(Granularity.MINUTE)),
    HOUR_ROLLUPS("hour", "per-hour rollups", Optional.of(Granularity.HOUR)),
    DAY_ROLLUPS("day", "per-day rollups", Optional.of(Granularity.DAY));

    private final String key;
    private final String description;
    private final Optional<Granularity> granularity;

    RetainedData(String key, String description, Optional<Granularity> granularity) {
        this.key = key;
        this.description = description;
        this.granularity = granularity;
    }

    /** Its key in table {@code retention_horizons}. */
    public String key() {
        return key;
    }

    /** For messages, e.g. "per-second rollups". */
    public String description() {
        return description;
    }

    /** The rollups' granularity; empty for raw events. */
    public Optional<Granularity> granularity() {
        return granularity;
    }

    public static RetainedData of(Granularity granularity) {
        for (RetainedData data : values()) {
            if (data.granularity.equals(Optional.of(granularity))) {
                return data;
            }
        }
        throw new IllegalArgumentException("no retained data of granularity " + granularity);
    }

    static Optional<RetainedData> ofKey(String key) {
        for (RetainedData data : values()) {
            if (data.key.equals(key)) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }
}
