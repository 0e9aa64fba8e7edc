package io.useranalytics.writer.retention;

import io.useranalytics.store.retention.RetainedData;
import io.useranalytics.store.retention.Retains;
import io.useranalytics.store.rollup.BucketKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the retention keeps, at one moment: for each kind of data the instant before which it is
 * removed (none for data kept for ever), {@link Retention#GRACE} behind its horizon as the
 * retention removes it, so that the writer stores all query-api may still answer. The writer stores
 * nothing the next retention run would remove, and dead-letters an event older than everything
 * kept.
 */
public final class RetentionCutoffs implements Retains {
    private final Map<RetainedData, Instant> keptFrom;
    private final Optional<String> everything;

    private RetentionCutoffs(Map<RetainedData, Instant> keptFrom, Optional<String> everything) {
        this.keptFrom = keptFrom;
        this.everything = everything;
    }

    /** The cutoffs of {@code config} at {@code now}. */
    public static RetentionCutoffs at(RetentionConfig config, Instant now) {
        Map<RetainedData, Instant> keptFrom = new EnumMap<>(RetainedData.class);
        RetainedData longest = null;
        for (RetainedData data : RetainedData.values()) {
            var kept = config.of(data);
            if (kept.isPresent()) {
                keptFrom.put(data, now.minus(kept.get()).minus(Retention.GRACE));
                if (longest == null || keptFrom.get(data).isBefore(keptFrom.get(longest))) {
                    longest = data;
                }
            }
        }
        Optional<String> everything =
                keptFrom.size() < RetainedData.values().length
                        ? Optional.empty()
                        : Optional.of(config.setting(longest));
        return new RetentionCutoffs(keptFrom, everything);
    }

    /**
     * Why an event at {@code instant} would be stored nowhere: it is older than every kind of data
     * is kept; empty when some of it is kept.
     */
    public Optional<String> whyNothingKeeps(Instant instant) {
        if (everything.isEmpty()) {
            return Optional.empty();
        }
        for (Instant from : keptFrom.values()) {
            if (!instant.isBefore(from)) {
                return Optional.empty();
            }
        }
        return Optional.of(
                "timestamp "
                        + instant
                        + " is older than everything the retention keeps ("
                        + everything.get()
                        + ")");
    }

    @Override
    public boolean keepsEvent(Instant instant) {
        Instant from = keptFrom.get(RetainedData.EVENTS);
        return from == null || !instant.isBefore(from);
    }

    /** The earliest instant raw events are kept from, if they are not kept for ever. */
    public Optional<Instant> eventsKeptFrom() {
        return Optional.ofNullable(keptFrom.get(RetainedData.EVENTS));
    }

    /** Any of the bucket is kept if it ends after its granularity's cutoff. */
    @Override
    public boolean keepsBucket(BucketKey bucket) {
        Instant from = keptFrom.get(RetainedData.of(bucket.granularity()));
        return from == null || bucket.end().isAfter(from);
    }
}
