package io.useranalytics.query;

import io.javalin.http.HttpStatus;
import io.useranalytics.common.http.ProblemException;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.StoreRead;
import io.useranalytics.store.retention.Horizon;
import io.useranalytics.store.retention.RetainedData;
import io.useranalytics.store.retention.RetentionHorizons;
import io.useranalytics.store.rollup.BucketKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a window that needs data the writer's retention no longer keeps, with a 410 naming the
 * setting, instead of counting what is left. Horizons are re-read every few seconds; the writer
 * removes data only an hour after it moved a horizon past it, so a horizon read a little earlier is
 * still safe. Thread-safe.
 */
final class RetentionHorizonCheck {
    private static final Logger log = LoggerFactory.getLogger(RetentionHorizonCheck.class);

    private final StoreRead<Map<RetainedData, Horizon>> stored;
    private volatile Map<RetainedData, Horizon> horizons = new EnumMap<>(RetainedData.class);

    /** {@code stored} reads table {@code retention_horizons} ({@link RetentionHorizons}). */
    RetentionHorizonCheck(StoreRead<Map<RetainedData, Horizon>> stored) {
        this.stored = Objects.requireNonNull(stored, "stored == null");
    }

    /** Reads the horizons again; on failure keeps those it had (they only ever move forward). */
    void refresh() {
        try {
            horizons = stored.read();
        } catch (StoreException e) {
            log.warn("reading the retention horizons failed; keeping the last: {}", e.getMessage());
        }
    }

    /**
     * Throws a 410 problem if a bucket or edge of {@code cover} is older than its data's horizon.
     */
    void requireKept(WindowCover cover) {
        for (WindowCover.Edge edge : cover.edges()) {
            requireKept(RetainedData.EVENTS, edge.from(), Optional.of("a window of whole seconds"));
        }
        for (BucketKey bucket : cover.buckets()) {
            RetainedData data = RetainedData.of(bucket.granularity());
            requireKept(data, bucket.start(), wider(data));
        }
    }

    private void requireKept(RetainedData data, Instant needed, Optional<String> instead) {
        Optional<Horizon> horizon = Optional.ofNullable(horizons.get(data));
        if (horizon.isPresent() && needed.isBefore(horizon.get().keptFrom())) {
            throw new ProblemException(
                    HttpStatus.GONE,
                    String.format(
                            "the window needs %s from %s, but they are kept from %s on (%s): ask"
                                    + " for a window that starts then or later%s",
                            data.description(),
                            needed,
                            horizon.get().keptFrom(),
                            horizon.get().setting(),
                            instead.map(text -> ", or for " + text).orElse("")));
        }
    }

    /** The window a coarser granularity can still answer, if any. */
    private static Optional<String> wider(RetainedData data) {
        return switch (data) {
            case SECOND_ROLLUPS -> Optional.of("a window of whole minutes");
            case MINUTE_ROLLUPS -> Optional.of("a window of whole hours");
            case HOUR_ROLLUPS -> Optional.of("a window of whole UTC days");
            default -> Optional.empty();
        };
    }
}
