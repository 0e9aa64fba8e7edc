package io.useranalytics.query;

import static io.useranalytics.testsupport.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.events.EventBlockReader;
import io.useranalytics.store.fixtures.EventRows;
import io.useranalytics.store.retention.RetentionHorizons;
import io.useranalytics.store.rollup.BucketSummary;
import io.useranalytics.store.rollup.RollupReader;
import io.useranalytics.testsupport.RealPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cache's answers follow the database even when a refresh races a cache miss. */
class BucketCacheIT {
    private static final Instant HOUR = Instant.parse("2011-03-04T05:00:00Z");

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    /** Runs once, just before the next connection is handed out. */
    private final AtomicReference<Runnable> beforeNextConnection = new AtomicReference<>();

    @BeforeAll
    static void migrate() {
        new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();
    }

    @Test
    void a_late_event_shows_even_if_a_refresh_was_asked_for_while_its_bucket_was_first_loaded()
            throws Exception {
        BucketCache cache =
                new BucketCache(
                        new RollupReader(hooked(postgres.dataSource())),
                        Duration.ofMinutes(10),
                        64L << 20,
                        System::nanoTime);
        SummaryReader reader =
                new SummaryReader(
                        cache,
                        new RawEdges(new EventBlockReader(postgres.dataSource())),
                        new RetentionHorizonCheck(
                                () -> new RetentionHorizons().read(postgres.dataSource())));
        new EventRows(postgres.dataSource()).insert(List.of(anEvent().user("a").at(HOUR).build()));
        cache.refresh();
        // The first read misses the hour's bucket; a refresh is asked for while it loads it.
        AtomicReference<CompletableFuture<Void>> racing = new AtomicReference<>();
        beforeNextConnection.set(() -> racing.set(CompletableFuture.runAsync(cache::refresh)));

        BucketSummary first = reader.summarize(HOUR, HOUR.plus(Duration.ofHours(1)));
        racing.get().join();
        new EventRows(postgres.dataSource())
                .insert(List.of(anEvent().user("b").at(HOUR.plusSeconds(60)).build()));
        cache.refresh();
        BucketSummary second = reader.summarize(HOUR, HOUR.plus(Duration.ofHours(1)));

        assertThat(first.clicks()).isEqualTo(1);
        assertThat(second.clicks()).isEqualTo(2);
        assertThat(second.users().getLongCardinality()).isEqualTo(2);
    }

    private DataSource hooked(DataSource real) {
        return (DataSource)
                Proxy.newProxyInstance(
                        DataSource.class.getClassLoader(),
                        new Class<?>[] {DataSource.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("getConnection")) {
                                Runnable hook = beforeNextConnection.getAndSet(null);
                                if (hook != null) {
                                    hook.run();
                                }
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }
}
