package io.useranalytics.query;

import io.useranalytics.common.http.ServiceUnavailableException;
import io.useranalytics.store.ServerState;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.rollup.BucketKey;
import io.useranalytics.store.rollup.BucketSummary;
import io.useranalytics.store.rollup.Granularity;
import io.useranalytics.store.rollup.RollupReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollup buckets held in memory, least recently used evicted past {@code maxBytes} (each entry
 * counted with its key and map node), and never more than {@code maxStaleness} behind the database.
 * A bucket outside the days that hold any bucket of its granularity is empty without being held or
 * read: a series over decades of the future costs neither memory nor refreshes. The background
 * refresh runs only while requests come: an idle query-api reads nothing.
 *
 * <p>A cache read from a database that then went back in time is dropped whole (a failover to a
 * standby that may have missed commits, a restore, a restart, a transaction watermark behind the
 * last one); one read from a standby is kept while the standby (or another of the same history)
 * replays behind it, so that answers never go back in time: see {@link ReadContinuity}.
 *
 * <p>Freshness is exact, not by time-to-live: each refresh reads, in one snapshot, the snapshot's
 * transaction watermark and which cached buckets a transaction at or above the previous watermark
 * changed; those are reloaded. A transaction below a watermark had finished when that snapshot was
 * taken, so no commit, however late, is missed. Thread-safe: database reads happen outside the lock
 * that readers take, so a refresh that reloads large bitmaps never holds up answers from memory;
 * refreshes and cache-miss loads take turns.
 */
final class BucketCache {
    private static final Logger log = LoggerFactory.getLogger(BucketCache.class);

    private final RollupReader store;
    private final Duration maxStaleness;
    private final long maxBytes;
    private final LongSupplier nanoTime;
    private final Object refreshing = new Object();

    /** What an entry costs beside its bitmap: key, map node, summary. */
    static final long ENTRY_OVERHEAD_BYTES = 200;

    private volatile boolean usedSinceRefresh = true;

    // Guarded by this.
    private final LinkedHashMap<BucketKey, BucketSummary> entries =
            new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private Optional<String> watermark = Optional.empty();
    private Optional<ServerState> server = Optional.empty();
    private long rewinds;
    private Map<Granularity, DaySpan> extents = Map.of();
    private long refreshedAt;
    private long version;

    BucketCache(RollupReader store, Duration maxStaleness, long maxBytes, LongSupplier nanoTime) {
        this.store = store;
        this.maxStaleness = maxStaleness;
        this.maxBytes = maxBytes;
        this.nanoTime = nanoTime;
    }

    /** The summary of every key, an empty one for a bucket without events. */
    Map<BucketKey, BucketSummary> get(Collection<BucketKey> asked) {
        usedSinceRefresh = true;
        ensureFresh();
        Map<BucketKey, BucketSummary> outside = new HashMap<>();
        List<BucketKey> keys = new ArrayList<>(asked.size());
        synchronized (this) {
            for (BucketKey key : asked) {
                if (isOutsideExtents(key)) {
                    outside.put(key, BucketSummary.empty());
                } else {
                    keys.add(key);
                }
            }
        }
        if (keys.isEmpty()) {
            return outside;
        }
        Map<BucketKey, BucketSummary> inside = getInside(keys);
        if (outside.isEmpty()) {
            return inside;
        }
        outside.putAll(inside);
        return outside;
    }

    private Map<BucketKey, BucketSummary> getInside(List<BucketKey> keys) {
        synchronized (this) {
            if (entries.keySet().containsAll(keys)) {
                return copyOf(keys);
            }
        }
        // Misses load under the refresh lock: a refresh never runs while buckets are added, so
        // the next one asks about every bucket that was loaded before its snapshot.
        synchronized (refreshing) {
            List<BucketKey> missing;
            synchronized (this) {
                missing = keys.stream().filter(key -> !entries.containsKey(key)).toList();
            }
            Map<BucketKey, BucketSummary> loaded =
                    missing.isEmpty() ? Map.of() : read(snapshot -> snapshot.load(missing));
            synchronized (this) {
                for (BucketKey key : missing) {
                    put(key, loaded.getOrDefault(key, BucketSummary.empty()));
                }
                Map<BucketKey, BucketSummary> found = copyOf(keys);
                evictBeyondLimit();
                return found;
            }
        }
    }

    /**
     * Refreshes if the bound requires it, then returns a number that changes whenever a cached
     * bucket changes: an answer computed at one version holds until the version moves.
     */
    long freshVersion() {
        usedSinceRefresh = true;
        ensureFresh();
        synchronized (this) {
            return version;
        }
    }

    /** Brings cached buckets up to date now. */
    void refresh() {
        synchronized (refreshing) {
            refreshNow();
        }
    }

    /**
     * Refreshes ahead of the bound if anything asked for buckets since the last refresh: the
     * background task's call, so that an idle query-api reads nothing (a request after a pause
     * refreshes first if the bound has passed).
     */
    void refreshIfUsed() {
        if (usedSinceRefresh) {
            refresh();
        }
    }

    private void ensureFresh() {
        if (isFresh()) {
            return;
        }
        synchronized (refreshing) {
            if (!isFresh()) {
                refreshNow();
            }
        }
    }

    private synchronized boolean isFresh() {
        return watermark.isPresent() && nanoTime.getAsLong() - refreshedAt < maxStaleness.toNanos();
    }

    /** Caller holds {@code refreshing}: reads outside the entries' lock, applies under it. */
    private void refreshNow() {
        long started = nanoTime.getAsLong();
        Optional<String> previous;
        Optional<ServerState> previousServer;
        Set<BucketKey> cached;
        synchronized (this) {
            previous = watermark;
            previousServer = server;
            cached = new HashSet<>(entries.keySet());
        }
        usedSinceRefresh = false;
        Changes changes;
        try {
            changes = readChanges(previous, previousServer, cached);
        } catch (RuntimeException e) {
            usedSinceRefresh = true; // the background goes on trying until one succeeds
            throw e;
        }
        synchronized (this) {
            refreshedAt = started;
            if (changes.continuity() == ReadContinuity.BEHIND) {
                return; // the standby replays behind what is cached: read again next time
            }
            if (changes.continuity() == ReadContinuity.WENT_BACK) {
                forgetAll(previousServer.get(), previous.get(), changes);
            }
            apply(changes);
            watermark = Optional.of(changes.watermark());
            server = Optional.of(changes.server());
        }
    }

    /** What changed since the last refresh, read in one snapshot. */
    private Changes readChanges(
            Optional<String> previous,
            Optional<ServerState> previousServer,
            Set<BucketKey> cached) {
        return read(
                snapshot -> {
                    String next = snapshot.watermark();
                    ServerState state = snapshot.server();
                    Map<Granularity, DaySpan> spans = DaySpan.of(snapshot.extents());
                    if (previous.isEmpty()) {
                        return new Changes(
                                next, state, ReadContinuity.CONTINUES, spans, List.of(), Map.of());
                    }
                    ReadContinuity continuity =
                            ReadContinuity.between(
                                    previousServer.get(),
                                    Long.parseLong(previous.get()),
                                    state,
                                    Long.parseLong(next));
                    if (continuity != ReadContinuity.CONTINUES) {
                        return new Changes(next, state, continuity, spans, List.of(), Map.of());
                    }
                    List<BucketKey> changed = snapshot.changedSince(previous.get(), cached);
                    return new Changes(
                            next, state, continuity, spans, changed, snapshot.load(changed));
                });
    }

    /**
     * The database may not be the one the cache was read from (another server, timeline or start: a
     * failover, a restore; or its transactions went back): nothing cached can be trusted. Caller
     * holds this.
     */
    private void forgetAll(ServerState fromServer, String fromWatermark, Changes now) {
        log.warn(
                "the database may have gone back in time (server/timeline/start {} -> {},"
                        + " transaction watermark {} -> {}); dropped {} cached buckets",
                fromServer,
                now.server(),
                fromWatermark,
                now.watermark(),
                entries.size());
        entries.clear();
        bytes = 0;
        rewinds++;
        version++;
    }

    /** How often the cache was dropped because the database went back, for a meter. */
    synchronized long rewinds() {
        return rewinds;
    }

    /** Caller holds this: before the first refresh nothing is known to be outside. */
    private boolean isOutsideExtents(BucketKey key) {
        if (watermark.isEmpty()) {
            return false;
        }
        DaySpan span = extents.get(key.granularity());
        return span == null || !span.holds(key.start());
    }

    /**
     * What a refresh read in one snapshot: its watermark, the days holding buckets, the changed
     * keys, the reloaded ones.
     */
    private record Changes(
            String watermark,
            ServerState server,
            ReadContinuity continuity,
            Map<Granularity, DaySpan> extents,
            List<BucketKey> changed,
            Map<BucketKey, BucketSummary> reloaded) {}

    private void apply(Changes changes) {
        boolean moved = !changes.extents().equals(extents);
        extents = changes.extents();
        for (BucketKey key : changes.changed()) {
            if (entries.containsKey(key)) {
                put(key, changes.reloaded().getOrDefault(key, BucketSummary.empty()));
                moved = true;
            }
        }
        if (moved) {
            version++;
        }
    }

    private Map<BucketKey, BucketSummary> copyOf(Collection<BucketKey> keys) {
        Map<BucketKey, BucketSummary> found = new HashMap<>(keys.size() * 2);
        for (BucketKey key : keys) {
            found.put(key, entries.get(key));
        }
        return found;
    }

    private void put(BucketKey key, BucketSummary summary) {
        BucketSummary previous = entries.put(key, summary);
        bytes += sizeOf(summary) - (previous == null ? 0 : sizeOf(previous));
    }

    private static long sizeOf(BucketSummary summary) {
        return ENTRY_OVERHEAD_BYTES + summary.sizeInBytes();
    }

    /** Buckets held now, for gauge {@code query_cache_buckets}. */
    synchronized int size() {
        return entries.size();
    }

    /** Bytes held now, overhead included, for gauge {@code query_cache_bytes}. */
    synchronized long bytes() {
        return bytes;
    }

    /** Evicts the least recently used; answers built on an evicted bucket are not reused. */
    private void evictBeyondLimit() {
        Iterator<Map.Entry<BucketKey, BucketSummary>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= sizeOf(eldest.next().getValue());
            eldest.remove();
            version++;
        }
    }

    /** Runs {@code reading} in one snapshot; a database that does not answer is a 503. */
    private <T> T read(RollupReader.Reading<T> reading) {
        try {
            return store.read(reading);
        } catch (StoreException e) {
            throw new ServiceUnavailableException(
                    "the database did not answer; retry later", Duration.ofSeconds(1), e);
        }
    }
}
