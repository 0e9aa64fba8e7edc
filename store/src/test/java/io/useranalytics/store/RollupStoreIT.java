package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.store.rollup.BucketKey;
import io.useranalytics.store.rollup.BucketSummary;
import io.useranalytics.store.rollup.Granularity;
import io.useranalytics.store.rollup.RollupStore;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.roaringbitmap.RoaringBitmap;

/**
 * Merging into the rollups: into new and stored buckets, by two writers of one shard at once, and
 * by writers of different shards, who must not wait for each other.
 */
class RollupStoreIT {
    private static final BucketKey MINUTE =
            new BucketKey(Granularity.MINUTE, Instant.parse("2024-05-01T10:07:00Z"));
    private static final BucketKey HOUR =
            new BucketKey(Granularity.HOUR, Instant.parse("2024-05-01T10:00:00Z"));

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private static final short SHARD = 0;
    private static final short OTHER_SHARD = 3;

    private final RollupStore store = new RollupStore();

    @BeforeAll
    static void migrate() {
        new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();
    }

    @BeforeEach
    void empty() {
        new Rows(postgres.dataSource()).execute("TRUNCATE rollups");
    }

    @Test
    void adds_to_a_stored_bucket_and_creates_a_missing_one_in_one_call() throws Exception {
        addCommitted(Map.of(HOUR, summary(1, 0, 1, 2)));

        addCommitted(Map.of(HOUR, summary(2, 3, 2, 3), MINUTE, summary(0, 1, 9)));

        Map<BucketKey, BucketSummary> stored = load(List.of(HOUR, MINUTE));
        assertThat(stored.get(HOUR)).isEqualTo(summary(3, 3, 1, 2, 3));
        assertThat(stored.get(MINUTE)).isEqualTo(summary(0, 1, 9));
    }

    @Test
    void a_batch_of_more_buckets_than_one_statement_takes_merges_every_one() throws Exception {
        Map<BucketKey, BucketSummary> first = new HashMap<>();
        Map<BucketKey, BucketSummary> second = new HashMap<>();
        for (int i = 0; i < 1_200; i++) {
            BucketKey key = new BucketKey(Granularity.SECOND, MINUTE.start().plusSeconds(i));
            first.put(key, summary(1, 0, i));
            second.put(key, summary(0, 1, i + 1));
        }
        first.put(HOUR, summary(7, 0, 1));

        addCommitted(first);
        addCommitted(second);

        Map<BucketKey, BucketSummary> stored = load(List.copyOf(first.keySet()));
        assertThat(stored).hasSize(1_201);
        second.forEach(
                (key, delta) -> {
                    int user =
                            (int) (key.start().getEpochSecond() - MINUTE.start().getEpochSecond());
                    assertThat(stored.get(key)).isEqualTo(summary(1, 1, user, user + 1));
                });
        assertThat(stored.get(HOUR)).isEqualTo(summary(7, 0, 1));
    }

    @Test
    void two_writers_creating_the_same_bucket_at_once_both_count() throws Exception {
        try (Connection first = postgres.dataSource().getConnection();
                Connection second = postgres.dataSource().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            store.add(first, SHARD, Map.of(MINUTE, summary(1, 0, 1)));
            int secondPid = second.unwrap(PGConnection.class).getBackendPID();

            // Waits for the first transaction's row, then must merge into it, not skip it.
            CompletableFuture<Void> racing =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    store.add(second, SHARD, Map.of(MINUTE, summary(0, 2, 2)));
                                    second.commit();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            awaitWaitingForALock(secondPid);
            assertThat(racing).isNotDone();
            first.commit();
            racing.get(10, TimeUnit.SECONDS);
        }

        assertThat(load(List.of(MINUTE)).get(MINUTE)).isEqualTo(summary(1, 2, 1, 2));
    }

    @Test
    void writers_of_different_shards_never_wait_and_a_read_merges_their_rows() throws Exception {
        try (Connection first = postgres.dataSource().getConnection();
                Connection second = postgres.dataSource().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            store.add(first, SHARD, Map.of(MINUTE, summary(1, 0, 1, 2), HOUR, summary(1, 0, 1, 2)));

            // The first transaction still holds its rows of the same buckets.
            CompletableFuture<Void> other =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    store.add(
                                            second,
                                            OTHER_SHARD,
                                            Map.of(
                                                    MINUTE, summary(0, 2, 2, 7),
                                                    HOUR, summary(0, 2, 2, 7)));
                                    second.commit();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            other.get(5, TimeUnit.SECONDS);
            first.commit();
        }

        Map<BucketKey, BucketSummary> merged = load(List.of(MINUTE, HOUR));
        assertThat(merged.get(MINUTE)).isEqualTo(summary(1, 2, 1, 2, 7));
        assertThat(merged.get(HOUR)).isEqualTo(summary(1, 2, 1, 2, 7));
    }

    /** Until the server process {@code pid} waits for a lock another transaction holds. */
    private static void awaitWaitingForALock(int pid) {
        Rows rows = new Rows(postgres.dataSource());
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                rows.count(
                                                "SELECT count(*) FROM pg_stat_activity WHERE pid = "
                                                        + pid
                                                        + " AND wait_event_type = 'Lock'")
                                        == 1);
    }

    private void addCommitted(Map<BucketKey, BucketSummary> deltas) throws Exception {
        try (Connection connection = postgres.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            store.add(connection, SHARD, deltas);
            connection.commit();
        }
    }

    private Map<BucketKey, BucketSummary> load(List<BucketKey> keys) throws Exception {
        try (Connection connection = postgres.dataSource().getConnection()) {
            return store.load(connection, keys);
        }
    }

    private static BucketSummary summary(long clicks, long impressions, int... users) {
        return new BucketSummary(clicks, impressions, RoaringBitmap.bitmapOf(users));
    }
}
