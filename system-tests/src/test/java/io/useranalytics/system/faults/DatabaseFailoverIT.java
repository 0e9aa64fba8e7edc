package io.useranalytics.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.useranalytics.common.config.Env;
import io.useranalytics.query.QueryApp;
import io.useranalytics.query.QueryConfig;
import io.useranalytics.store.Database;
import io.useranalytics.store.DatabaseConfig;
import io.useranalytics.store.StorageChoice;
import io.useranalytics.system.Scrape;
import io.useranalytics.system.ThreeServices;
import io.useranalytics.testsupport.EventLoad;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.ReplicatedPostgres;
import io.useranalytics.testsupport.StoredEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database fails over or goes back in time under the pipeline, on real PostgreSQL replication:
 * an asynchronous standby that missed the last commits is promoted, a synchronous one is promoted
 * under load (with a query-api reading it as a read replica), or the primary is restored from a
 * base backup taken earlier. Every event Kafka acknowledged is stored exactly once afterwards, the
 * users are exact, and GET equals SQL on the database that is left.
 */
class DatabaseFailoverIT {
    private static final int PER_PHASE = 3_000;
    private static final int USERS = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private ReplicatedPostgres servers;
    private ThreeServices services;
    private LocalService<QueryApp> replicaReader;
    private HikariDataSource database;

    @BeforeEach
    void start() {
        assumeTrue(
                ReplicatedPostgres.whyUnavailable().isEmpty(),
                ReplicatedPostgres.whyUnavailable().orElse(""));
        servers = ReplicatedPostgres.start();
    }

    @AfterEach
    void stop() {
        if (replicaReader != null) {
            replicaReader.close();
        }
        if (services != null) {
            services.close();
        }
        if (database != null) {
            database.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void an_async_standby_promoted_after_missing_commits_ends_with_every_event_stored_once()
            throws Exception {
        String url = servers.multiHostUrl("targetServerType=primary");
        startPipeline(url, "failover");
        Phases phases = new Phases("failover-", "failover.events");

        phases.produce(0);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stored("failover-").count() == PER_PHASE);
        servers.awaitStandbyCaughtUp();
        servers.cutStandby();
        phases.produce(1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stored("failover-").count() == 2L * PER_PHASE);
        long onOldPrimary = stored("failover-").count();
        awaitClicks(2L * PER_PHASE); // query-api caches the hours
        servers.killPrimary();
        servers.promoteStandby();
        long onPromoted = countOn(servers.standby().url(), "failover", "failover-");
        phases.produce(2);

        await().atMost(Duration.ofSeconds(120))
                .until(() -> stored("failover-").count() >= phases.acked());
        System.out.printf(
                "DatabaseFailoverIT async failover: sent=%d acknowledged=%d; stored %d on the old"
                        + " primary, %d on the promoted standby at failover (%d to read again);"
                        + " stored after=%d duplicates=%d lost=%d; rewinds seen by the writer %.0f,"
                        + " by query-api %.0f%n",
                phases.sent(),
                phases.acked(),
                onOldPrimary,
                onPromoted,
                onOldPrimary - onPromoted,
                stored("failover-").count(),
                stored("failover-").duplicates(),
                phases.acked() - stored("failover-").count(),
                metric(services.writer.http(), "writer_database_rewinds_total"),
                awaitQueryRewind());
        assertThat(onPromoted).isEqualTo(PER_PHASE);
        assertEverythingStoredOnce("failover-", phases);
        assertThat(metric(services.writer.http(), "writer_database_rewinds_total"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void
            a_synchronous_standby_promoted_under_load_holds_every_commit_and_its_readers_never_go_back()
                    throws Exception {
        servers.makeStandbySynchronous();
        startPipeline(servers.multiHostUrl("targetServerType=primary"), "sync");
        servers.awaitStandbyCaughtUp();
        replicaReader = startReplicaReader("sync");
        Phases phases = new Phases("sync-", "sync.events");

        servers.pauseReplay();
        phases.produce(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> stored("sync-").count() == PER_PHASE);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replicaReader.http().get("/health/ready").statusCode() == 503);
        String lagging = replicaReader.http().get("/health/ready").body();
        double lagSeconds = metric(replicaReader.http(), "query_database_replay_lag_seconds");
        long clicksWhileLagging = threeHours(replicaReader.http()).get("clicks").asLong();
        servers.resumeReplay();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(threeHours(replicaReader.http()).get("clicks").asLong())
                                        .isEqualTo(stored("sync-").count()));
        assertThat(lagging).contains("the standby replays up to").contains("behind its primary");
        assertThat(lagSeconds).isGreaterThan(1.0);
        assertThat(clicksWhileLagging).isLessThan(PER_PHASE);
        assertThat(replicaReader.http().get("/health/ready").body())
                .contains("database-replay: standby");

        Duration longestPause;
        try (CommitTimeline timeline =
                        new CommitTimeline(servers.standby().url(), "sync", "sync-");
                AnswerTimeline answers = new AnswerTimeline(replicaReader.http())) {
            CompletableFuture<Void> load = phases.produceInBackground(1, 1_000);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> timeline.latest() >= PER_PHASE + 1_000);
            servers.killPrimary();
            servers.promoteStandby();
            load.get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> timeline.latest() >= 2L * PER_PHASE);
            longestPause = timeline.longestPause();
            phases.produce(2);
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> stored("sync-").count() >= phases.acked());
            await().atMost(Duration.ofSeconds(30)).until(() -> answers.latest() == 3L * PER_PHASE);
            assertThat(answers.decreases()).as("answers that went back in time").isEmpty();
            System.out.printf(
                    "DatabaseFailoverIT synchronous failover: sent=%d acknowledged=%d stored=%d"
                            + " duplicates=%d lost=%d; longest time without a commit %d ms;"
                            + " rewinds seen by the writer %.0f; query-api on the standby: %d"
                            + " answers through the failover, none went back, its cache dropped"
                            + " %.0f times; with replay paused it said '%s' (lag %.1f s)%n",
                    phases.sent(),
                    phases.acked(),
                    stored("sync-").count(),
                    stored("sync-").duplicates(),
                    phases.acked() - stored("sync-").count(),
                    longestPause.toMillis(),
                    metric(services.writer.http(), "writer_database_rewinds_total"),
                    answers.count(),
                    metric(replicaReader.http(), "query_database_rewinds_total"),
                    lagging.strip(),
                    lagSeconds);
        }
        assertEverythingStoredOnce("sync-", phases);
        assertThat(metric(services.writer.http(), "writer_database_rewinds_total"))
                .as("the standby had every commit: nothing to read again")
                .isZero();
        assertThat(metric(replicaReader.http(), "query_database_rewinds_total"))
                .as("the standby it read was promoted: nothing it read was lost")
                .isZero();
    }

    @Test
    void a_primary_restored_from_a_base_backup_taken_earlier_is_filled_again_from_kafka()
            throws Exception {
        String url = servers.primary().url();
        startPipeline(url, "restore");
        Phases phases = new Phases("restore-", "restore.events");

        phases.produce(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> stored("restore-").count() == PER_PHASE);
        Path backup = servers.baseBackup("backup");
        phases.produce(1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stored("restore-").count() == 2L * PER_PHASE);
        awaitClicks(2L * PER_PHASE); // query-api caches the hours
        servers.restorePrimaryFrom(backup);
        phases.produce(2);

        await().atMost(Duration.ofSeconds(120))
                .until(() -> stored("restore-").count() >= phases.acked());
        System.out.printf(
                "DatabaseFailoverIT restore: sent=%d acknowledged=%d stored=%d duplicates=%d"
                        + " lost=%d; rewinds seen by the writer %.0f, by query-api %.0f%n",
                phases.sent(),
                phases.acked(),
                stored("restore-").count(),
                stored("restore-").duplicates(),
                phases.acked() - stored("restore-").count(),
                metric(services.writer.http(), "writer_database_rewinds_total"),
                awaitQueryRewind());
        assertEverythingStoredOnce("restore-", phases);
        assertThat(metric(services.writer.http(), "writer_database_rewinds_total"))
                .isGreaterThanOrEqualTo(1);
    }

    /** Three phases of load on the same users, each an hour of its own. */
    private static final class Phases {
        private final EventLoad[] loads = new EventLoad[3];
        private final String topic;

        Phases(String prefix, String topic) {
            this.topic = topic;
            for (int phase = 0; phase < loads.length; phase++) {
                loads[phase] =
                        new EventLoad(
                                prefix,
                                USERS,
                                Instant.parse("2026-03-01T00:00:00Z").plus(Duration.ofHours(phase)),
                                Duration.ofMillis(1_000));
            }
        }

        void produce(int phase) throws InterruptedException {
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                loads[phase].produce(producer, topic, PER_PHASE, 20_000);
            }
        }

        CompletableFuture<Void> produceInBackground(int phase, int perSecond) {
            return loads[phase].produceInBackground(kafka, topic, PER_PHASE, perSecond);
        }

        long sent() {
            long sent = 0;
            for (EventLoad load : loads) {
                sent += load.sent();
            }
            return sent;
        }

        long acked() {
            long acked = 0;
            for (EventLoad load : loads) {
                acked += load.acked();
            }
            return acked;
        }

        Map<String, Long> ackedPerUser() {
            Map<String, Long> perUser = new HashMap<>();
            for (EventLoad load : loads) {
                load.ackedPerUser().forEach((user, n) -> perUser.merge(user, n, Long::sum));
            }
            return perUser;
        }
    }

    /**
     * When the events of a load became visible on one server (a standby that is promoted later),
     * read every 20 ms on a thread of its own until closed: the longest time without a new commit
     * is how long writes paused.
     */
    private static final class CommitTimeline implements AutoCloseable {
        private final HikariDataSource server;
        private final StoredEvents events;
        private final ScheduledExecutorService reader =
                Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong latest = new AtomicLong();
        private volatile long lastIncrease = System.nanoTime();
        private volatile long longestPause;

        CommitTimeline(String url, String schema, String prefix) {
            server =
                    Database.open(
                            new DatabaseConfig(
                                    url, "postgres", "", schema, 1, StorageChoice.AUTO, false),
                            "commit-timeline");
            events = new StoredEvents(server, prefix);
            latest.set(events.count());
            reader.scheduleWithFixedDelay(this::read, 0, 20, TimeUnit.MILLISECONDS);
        }

        private void read() {
            try {
                long count = events.count();
                long now = System.nanoTime();
                if (count > latest.get()) {
                    longestPause = Math.max(longestPause, now - lastIncrease);
                    lastIncrease = now;
                    latest.set(count);
                }
            } catch (RuntimeException promoting) {
                // the server restarts as a primary: read again on the next tick
            }
        }

        long latest() {
            return latest.get();
        }

        Duration longestPause() {
            return Duration.ofNanos(longestPause);
        }

        @Override
        public void close() throws InterruptedException {
            reader.shutdown();
            reader.awaitTermination(10, TimeUnit.SECONDS);
            server.close();
        }
    }

    private void assertEverythingStoredOnce(String prefix, Phases phases) throws Exception {
        StoredEvents stored = stored(prefix);
        assertThat(phases.acked()).isEqualTo(3L * PER_PHASE);
        assertThat(stored.count()).isEqualTo(phases.acked());
        assertThat(stored.duplicates()).isZero();
        assertThat(stored.perUser()).isEqualTo(phases.ackedPerUser());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            JsonNode hours = threeHours();
                            assertThat(hours.get("clicks").asLong()).isEqualTo(3L * PER_PHASE);
                            assertThat(hours.get("unique_users").asLong()).isEqualTo(USERS);
                        });
    }

    /** Within the staleness bound (and some), GET counts {@code clicks} over the three hours. */
    private void awaitClicks(long clicks) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(threeHours().get("clicks").asLong()).isEqualTo(clicks));
    }

    /** GET over the three phases' hours, as JSON. */
    private JsonNode threeHours() throws Exception {
        return threeHours(services.query.http());
    }

    private static JsonNode threeHours(Http http) throws Exception {
        return JSON.readTree(
                http.get(
                                "/analytics?from=2026-03-01T00:00:00Z&to=2026-03-01T03:00:00Z",
                                "application/json")
                        .body());
    }

    /**
     * A second query-api, reading the standby ({@code QUERY_DATABASE_URL}) with a replay lag bound
     * of a second, as a read replica's would be.
     */
    private LocalService<QueryApp> startReplicaReader(String name) {
        Map<String, String> settings = new HashMap<>(postgres.env());
        settings.put("DATABASE_URL", servers.multiHostUrl("targetServerType=primary"));
        settings.put("DATABASE_USER", "postgres");
        settings.put("DATABASE_PASSWORD", "");
        settings.put("DATABASE_SCHEMA", name);
        settings.put("QUERY_DATABASE_URL", servers.standby().url());
        settings.put("QUERY_MAX_STALENESS_MS", "500");
        settings.put("QUERY_MAX_REPLAY_LAG_MS", "1000");
        return LocalService.start(
                registry -> QueryApp.connect(QueryConfig.from(new Env(settings)), registry));
    }

    /**
     * The clicks of the three hours as one client sees them, asked every 50 ms on a thread of its
     * own until closed (a failed request is skipped): none may be fewer than one seen before.
     */
    private static final class AnswerTimeline implements AutoCloseable {
        private final Http http;
        private final ScheduledExecutorService asker = Executors.newSingleThreadScheduledExecutor();
        private final List<String> decreases = new CopyOnWriteArrayList<>();
        private final AtomicLong latest = new AtomicLong();
        private final AtomicLong count = new AtomicLong();

        AnswerTimeline(Http http) {
            this.http = http;
            asker.scheduleWithFixedDelay(this::ask, 0, 50, TimeUnit.MILLISECONDS);
        }

        private void ask() {
            try {
                long clicks = threeHours(http).get("clicks").asLong();
                long before = latest.getAndSet(clicks);
                count.incrementAndGet();
                if (clicks < before) {
                    decreases.add(before + " -> " + clicks);
                }
            } catch (Exception unanswered) {
                // a 503 while the server is promoted: ask again on the next tick
            }
        }

        long latest() {
            return latest.get();
        }

        long count() {
            return count.get();
        }

        List<String> decreases() {
            return decreases;
        }

        @Override
        public void close() throws InterruptedException {
            asker.shutdown();
            asker.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Asks query-api (an idle one refreshes its cache when asked, not before) until it has noticed
     * the database went back; how often it did.
     */
    private double awaitQueryRewind() {
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> {
                            threeHours();
                            return metric(services.query.http(), "query_database_rewinds_total")
                                    >= 1;
                        });
        return metric(services.query.http(), "query_database_rewinds_total");
    }

    /** The three services on {@code url}, with a schema, topic and group named {@code name}. */
    private void startPipeline(String url, String name) {
        Map<String, String> settings = new HashMap<>();
        settings.put("DATABASE_URL", url);
        settings.put("DATABASE_USER", "postgres");
        settings.put("DATABASE_PASSWORD", "");
        settings.put("DATABASE_SCHEMA", name);
        settings.put("KAFKA_TOPIC", name + ".events");
        settings.put("KAFKA_DLQ_TOPIC", name + ".events.dlq");
        settings.put("WRITER_RETRY_MAX_MS", "1000");
        settings.put("QUERY_MAX_STALENESS_MS", "500");
        services = ThreeServices.start(kafka, postgres, settings);
        database =
                Database.open(
                        new DatabaseConfig(url, "postgres", "", name, 2, StorageChoice.AUTO, false),
                        "failover-test");
    }

    /** The events of users with {@code prefix} on one server, read directly. */
    private static long countOn(String url, String schema, String prefix) {
        try (HikariDataSource server =
                Database.open(
                        new DatabaseConfig(
                                url, "postgres", "", schema, 1, StorageChoice.AUTO, false),
                        "failover-count")) {
            return new StoredEvents(server, prefix).count();
        }
    }

    private StoredEvents stored(String prefix) {
        return new StoredEvents(database, prefix);
    }

    private static double metric(Http http, String name) {
        return new Scrape(http.get("/metrics").body()).sum(name);
    }
}
