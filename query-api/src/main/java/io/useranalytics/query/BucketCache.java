package io.useranalytics.query;

import io.useranalytics.common.http.ServiceUnavailableException;
import io.useranalytics.common.rollup.BucketKey;
import io.useranalytics.common.rollup.BucketSummary;
import io.useranalytics.common.rollup.RollupStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Rollup buckets held in memory, least recently used evicted past {@code maxBytes}, and never more
 * than {@code maxStaleness} behind the database.
 *
 * <p>Freshness is exact, not by time-to-live: each refresh reads, in one snapshot, the snapshot's
 * transaction watermark and the keys of the buckets changed by any transaction at or above the
 * previous watermark; cached ones among them are reloaded. A transaction below a watermark had
 * finished when that snapshot was taken, so no commit, however late, is missed. Thread-safe.
 */
final class BucketCache {
    private final DataSource dataSource;
    private final RollupStore store;
    private final Duration maxStaleness;
    private final long maxBytes;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<BucketKey, BucketSummary> entries =
            new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private Optional<String> watermark = Optional.empty();
    private long refreshedAt;
    private long version;

    BucketCache(
            DataSource dataSource,
            RollupStore store,
            Duration maxStaleness,
            long maxBytes,
            LongSupplier nanoTime) {
        this.dataSource = dataSource;
        this.store = store;
        this.maxStaleness = maxStaleness;
        this.maxBytes = maxBytes;
        this.nanoTime = nanoTime;
    }

    /** The summary of every key, an empty one for a bucket without events. */
    synchronized Map<BucketKey, BucketSummary> get(Collection<BucketKey> keys) {
        if (isFresh() && entries.keySet().containsAll(keys)) {
            return copyOf(keys);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            refreshIfStale(connection);
            List<BucketKey> missing =
                    keys.stream().filter(key -> !entries.containsKey(key)).toList();
            if (!missing.isEmpty()) {
                putAll(missing, store.load(connection, missing));
            }
            connection.commit();
        } catch (SQLException e) {
            throw new ServiceUnavailableException(
                    "the database did not answer; retry later", Duration.ofSeconds(1), e);
        }
        Map<BucketKey, BucketSummary> found = copyOf(keys);
        evictBeyondLimit();
        return found;
    }

    /**
     * Refreshes if the bound requires it, then returns a number that changes whenever a cached
     * bucket changes: an answer computed at one version holds until the version moves.
     */
    synchronized long freshVersion() {
        if (!isFresh()) {
            refresh();
        }
        return version;
    }

    private boolean isFresh() {
        return watermark.isPresent() && nanoTime.getAsLong() - refreshedAt < maxStaleness.toNanos();
    }

    private Map<BucketKey, BucketSummary> copyOf(Collection<BucketKey> keys) {
        Map<BucketKey, BucketSummary> found = new HashMap<>(keys.size() * 2);
        for (BucketKey key : keys) {
            found.put(key, entries.get(key));
        }
        return found;
    }

    /** Brings cached buckets up to date now; a background task calls it ahead of the bound. */
    synchronized void refresh() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            refreshNow(connection);
            connection.commit();
        } catch (SQLException e) {
            throw new ServiceUnavailableException(
                    "the database did not answer; retry later", Duration.ofSeconds(1), e);
        }
    }

    private void refreshIfStale(Connection connection) throws SQLException {
        if (!isFresh()) {
            refreshNow(connection);
        }
    }

    private void refreshNow(Connection connection) throws SQLException {
        long now = nanoTime.getAsLong();
        String next = store.watermark(connection);
        if (watermark.isPresent()) {
            List<BucketKey> stale = new ArrayList<>();
            for (BucketKey changed : store.changedSince(connection, watermark.get())) {
                if (entries.containsKey(changed)) {
                    stale.add(changed);
                }
            }
            putAll(stale, store.load(connection, stale));
            if (!stale.isEmpty()) {
                version++;
            }
        }
        watermark = Optional.of(next);
        refreshedAt = now;
    }

    private void putAll(Collection<BucketKey> keys, Map<BucketKey, BucketSummary> loaded) {
        for (BucketKey key : keys) {
            BucketSummary summary = loaded.getOrDefault(key, BucketSummary.empty());
            BucketSummary previous = entries.put(key, summary);
            bytes += summary.sizeInBytes() - (previous == null ? 0 : previous.sizeInBytes());
        }
    }

    private void evictBeyondLimit() {
        Iterator<Map.Entry<BucketKey, BucketSummary>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().sizeInBytes();
            eldest.remove();
        }
    }
}
