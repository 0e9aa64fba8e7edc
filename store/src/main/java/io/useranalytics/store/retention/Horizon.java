package io.useranalytics.store.retention;

import java.time.Instant;
import java.util.Objects;

/**
 * From when on {@code data} is answered: {@code keptFrom}, as {@code setting} (e.g.
 * "RETENTION_EVENTS_DAYS=7") last placed it.
 */
public record Horizon(RetainedData data, Instant keptFrom, String setting) {
    public Horizon {
        Objects.requireNonNull(data, "data == null");
        Objects.requireNonNull(keptFrom, "keptFrom == null");
        Objects.requireNonNull(setting, "setting == null");
    }
}
