package io.useranalytics.writer;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.useranalytics.common.config.InvalidConfigException;
import io.useranalytics.common.health.ReadinessCheck;
import io.useranalytics.common.http.HttpService;
import io.useranalytics.common.kafka.ConsumerSettings;
import io.useranalytics.common.kafka.KafkaReadiness;
import io.useranalytics.common.kafka.ProducerSettings;
import io.useranalytics.common.kafka.TopicReplicationGauges;
import io.useranalytics.common.kafka.TopicSetup;
import io.useranalytics.store.Database;
import io.useranalytics.store.DatabaseReadiness;
import io.useranalytics.store.SchemaStartup;
import io.useranalytics.store.StorageMode;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.TableRights;
import io.useranalytics.store.batch.BatchTransaction;
import io.useranalytics.store.eventids.EventIdExpiry;
import io.useranalytics.store.events.EventTable;
import io.useranalytics.store.offsets.OffsetStore;
import io.useranalytics.store.retention.EventExpiry;
import io.useranalytics.store.retention.RetainedData;
import io.useranalytics.store.retention.RetentionPass;
import io.useranalytics.store.users.UserLookup;
import io.useranalytics.writer.retention.Retention;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the writer: migrates the schema, builds the poll loop and runs it on a
 * thread of its own until {@link #close()}.
 */
public final class WriterApp implements HttpService {
    private static final Logger log = LoggerFactory.getLogger(WriterApp.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** How often the retention runs: well within its grace of an hour. */
    private static final Duration RETENTION_EVERY = Duration.ofMinutes(10);

    /**
     * Records per poll, far fewer than a batch: all of a poll's records stay reachable until the
     * last is decoded, so polls of a whole batch (100,000) outlived young collections and filled
     * the old generation. Scenario 3 with 1,000: 16 full collections and 4.1-4.4 s of pauses per
     * drain, against 36-38 and 7.7-7.9 s; throughput the same within the runs' noise.
     */
    private static final int MAX_POLL_RECORDS = 1_000;

    private final HikariDataSource dataSource;
    private final KafkaProducer<byte[], byte[]> deadLetterProducer;
    private final PollLoop loop;
    private final Thread thread;
    private final KafkaReadiness kafka;
    private final TopicIds topicIds;
    private final OffsetGaps gaps;
    private final WriterProgress progress;
    private final TopicReplicationGauges replication;

    /** Retention and the event-id purge on one thread, the topics' replication on the other. */
    private final ScheduledExecutorService housekeeping =
            Executors.newScheduledThreadPool(2, task -> new Thread(task, "writer-housekeeping"));

    private WriterApp(
            HikariDataSource dataSource,
            KafkaProducer<byte[], byte[]> deadLetterProducer,
            PollLoop loop,
            KafkaReadiness kafka,
            TopicIds topicIds,
            OffsetGaps gaps,
            WriterProgress progress,
            TopicReplicationGauges replication,
            Consumer<Throwable> onFailure) {
        this.kafka = kafka;
        this.replication = replication;
        this.topicIds = topicIds;
        this.gaps = gaps;
        this.progress = progress;
        this.dataSource = dataSource;
        this.deadLetterProducer = deadLetterProducer;
        this.loop = loop;
        this.thread = new Thread(loop, "writer-poll");
        thread.setUncaughtExceptionHandler((t, e) -> onFailure.accept(e));
    }

    /**
     * Migrates the schema, creates missing topics and starts consuming. {@code onFailure} hears of
     * an error the loop could not handle; the loop has stopped by then. Longer than a method should
     * be, on purpose: the writer's composition root, where each collaborator is made once, after
     * those it needs, and the reader sees the whole loop's wiring in one place.
     */
    public static WriterApp start(
            WriterConfig config, MeterRegistry registry, Consumer<Throwable> onFailure) {
        HikariDataSource dataSource = Database.open(config.database(), "writer", registry);
        Prepared prepared = prepareOrClose(config, dataSource);
        StorageMode mode = prepared.mode();
        var deadLetterProducer =
                new KafkaProducer<byte[], byte[]>(
                        ProducerSettings.durable(
                                config.kafka().connection(), "writer-dlq", Duration.ofSeconds(30)));
        OffsetStore offsetStore = new OffsetStore(dataSource, config.membership().group());
        PartitionOffsets offsets = new PartitionOffsets(offsetStore);
        OffsetGaps gaps = new OffsetGaps(config.trouble().offsetGap(), offsets, registry);
        TopicIds topicIds = new TopicIds(config.kafka().connection());
        KafkaConsumer<byte[], byte[]> consumer = consumer(config);
        // Closed with the consumer; reports lag (records-lag-max) among others.
        new KafkaClientMetrics(consumer).bindTo(registry);
        WriterMeters meters = WriterMeters.registerIn(registry);
        WriterProgress progress =
                new WriterProgress(config.trouble().stallAfter(), Clock.systemUTC(), registry);
        PollLoop loop =
                new PollLoop(
                        consumer,
                        config.kafka().topic(),
                        new EventDecoder(
                                config.timestamps().acceptedRange(),
                                config.retention(),
                                Clock.systemUTC()),
                        new BatchAccumulator(
                                config.batches().maxEvents(), config.batches().maxAge()),
                        newUsers(config, dataSource, registry),
                        batchStore(
                                config,
                                new BatchTransaction(
                                        dataSource,
                                        EventTable.of(
                                                mode,
                                                dataSource,
                                                config.retention()
                                                        .keepsForEver(RetainedData.EVENTS),
                                                Clock.systemUTC()),
                                        offsetStore),
                                deadLetterProducer,
                                meters,
                                registry),
                        new PartitionStarts(offsets, topicIds, gaps),
                        new WriteTrouble(
                                new Backoff(
                                        Duration.ofMillis(100), config.trouble().retryMaxDelay()),
                                Clock.systemUTC()),
                        meters,
                        progress,
                        Clock.systemUTC());
        WriterApp app =
                new WriterApp(
                        dataSource,
                        deadLetterProducer,
                        loop,
                        new KafkaReadiness(config.kafka().connection(), "writer"),
                        topicIds,
                        gaps,
                        progress,
                        new TopicReplicationGauges(
                                config.kafka().connection(),
                                "writer",
                                List.of(config.kafka().topic(), config.deadLetterTopic()),
                                registry),
                        onFailure);
        app.thread.start();
        app.scheduleHousekeeping(config, prepared.expiry(), registry);
        log.info(
                "writer consuming {} as group {} into schema {} ({} mode)",
                config.kafka().topic(),
                config.membership().group(),
                config.database().schema(),
                mode);
        return app;
    }

    /** The storage mode the schema is in, and how raw events expire in it. */
    private record Prepared(StorageMode mode, EventExpiry expiry) {}

    /**
     * Readies the schema (migrated, its rights and encoding checked), both topics and what the
     * retention sets once; on failure closes the pool, which nothing else will.
     */
    private static Prepared prepareOrClose(WriterConfig config, HikariDataSource dataSource) {
        try {
            StorageMode mode =
                    SchemaStartup.prepare(
                            dataSource, config.database(), TableRights.WRITE, "writer");
            TopicSetup.ensure(
                    config.kafka().connection(),
                    Map.of(
                            config.kafka().topic(), config.kafka().topicPartitions(),
                            config.deadLetterTopic(), config.kafka().topicPartitions()),
                    config.kafka().replicationFactor());
            EventExpiry expiry = Retention.eventExpiry(mode, config.retention());
            setUp(expiry, dataSource);
            return new Prepared(mode, expiry);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** The new users of a batch, looked up or added; the ids of recent ones kept in memory. */
    private static NewUsers newUsers(
            WriterConfig config, HikariDataSource dataSource, MeterRegistry registry) {
        return new NewUsers(
                new UserRegistry(
                        new KnownUsers(config.knownUsers(), UserIdHash.random()),
                        new UserLookup(dataSource)),
                registry);
    }

    /** Where a batch goes: its dead letters to Kafka, the rest in one database transaction. */
    private static BatchStore batchStore(
            WriterConfig config,
            BatchTransaction transaction,
            KafkaProducer<byte[], byte[]> deadLetterProducer,
            WriterMeters meters,
            MeterRegistry registry) {
        return new BatchStore(
                new DeadLetters(
                        deadLetterProducer,
                        config.deadLetterTopic(),
                        Duration.ofSeconds(30),
                        meters.deadLettered()),
                new BatchWriter(transaction, config.retention(), Clock.systemUTC(), registry),
                meters);
    }

    /** The replication gauges every 30 s, the retention, and the purge of old client event ids. */
    private void scheduleHousekeeping(
            WriterConfig config, EventExpiry expiry, MeterRegistry registry) {
        housekeeping.scheduleWithFixedDelay(replication, 0, 30, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(
                new Retention(
                        new RetentionPass(dataSource, expiry),
                        config.retention(),
                        Clock.systemUTC(),
                        registry),
                0,
                RETENTION_EVERY.toMinutes(),
                TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(
                new EventIdPurge(
                        new EventIdExpiry(dataSource),
                        config.eventIdRetention(),
                        Clock.systemUTC()),
                1,
                10,
                TimeUnit.MINUTES);
    }

    /**
     * Sets what the retention sets once (TimescaleDB's retention policy); a refusal stops start-up.
     */
    private static void setUp(EventExpiry expiry, HikariDataSource dataSource) {
        try {
            expiry.setUp(dataSource);
        } catch (StoreException e) {
            throw new InvalidConfigException(
                    List.of("setting TimescaleDB's retention policy failed: " + e.getMessage()));
        }
    }

    /** The writer has no routes of its own: its server has health, metrics and the API document. */
    @Override
    public void addRoutes(RoutesConfig routes) {}

    @Override
    public List<ReadinessCheck> readinessChecks() {
        return List.of(
                kafka.check(),
                DatabaseReadiness.check(dataSource),
                gaps.readiness(),
                progress.readiness());
    }

    @Override
    public List<String> openApiResources() {
        return List.of();
    }

    /** Stops consuming: the batch in hand is committed or rolled back, never half. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        loop.shutdown();
        try {
            thread.join(SHUTDOWN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn(
                    "writer loop still running after {} s; closing anyway",
                    SHUTDOWN_TIMEOUT.toSeconds());
        }
        kafka.close();
        replication.close();
        topicIds.close();
        deadLetterProducer.close(Duration.ofSeconds(5));
        dataSource.close();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(WriterConfig config) {
        Map<String, Object> settings =
                ConsumerSettings.committedByCaller(
                        config.kafka().connection(), "writer", config.membership().group());
        // Positions come from the database; one outside the log is a gap to report (OffsetGaps),
        // never a silent reset.
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        settings.put(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                (int) config.membership().sessionTimeout().toMillis());
        settings.put(
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) config.membership().sessionTimeout().toMillis() / 4);
        // A static member that restarts within the session timeout gets its partitions back at
        // once.
        config.membership()
                .instanceId()
                .ifPresent(id -> settings.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        return new KafkaConsumer<>(settings);
    }
}
