package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.health.ReadinessCheck;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.EventKind;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import io.useranalytics.testsupport.TcpProxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Kafka's retention deletes records the writer has not read while the writer is stopped: the gap is
 * reported with its size, and nothing after it is read until the operator accepts it.
 */
class RetentionGapIT {
    private static final String TOPIC = "retained.events";
    private static final long RETENTION_MS = 10_000;
    private static final long SEGMENT_MS = 1_000;
    private static final Instant EVENT_TIME = Instant.parse("2026-04-01T12:00:00Z");

    @RegisterExtension
    static final RealKafka kafka =
            new RealKafka(
                    Map.of(
                            "log.retention.check.interval.ms", "200",
                            "log.initial.task.delay.ms", "0"));

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger gapLogger = (Logger) LoggerFactory.getLogger(OffsetGaps.class);
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void captureGapLogs() {
        logs.start();
        gapLogger.addAppender(logs);
    }

    @AfterEach
    void releaseGapLogs() {
        gapLogger.detachAppender(logs);
    }

    @Test
    void records_deleted_unread_are_reported_with_their_count_and_skipped_only_when_accepted()
            throws Exception {
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "kept-%");
        createTopicWithShortRetention(TOPIC);
        try (WriterApp writer = start(TOPIC, "wait")) {
            // Old enough that the next record starts a segment, young enough to be read first.
            produce(TOPIC, "kept-a", 10, System.currentTimeMillis() - 2 * SEGMENT_MS);
            await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() == 10);
        }
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        long halfHourAhead = System.currentTimeMillis() + 1_800_000;
        produce(TOPIC, "expired-b", 50, hourAgo);
        produce(TOPIC, "kept-c", 20, halfHourAhead);
        await().atMost(Duration.ofMillis(RETENTION_MS).plusSeconds(20))
                .until(() -> logStart(TOPIC) == 60);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (WriterApp writer =
                WriterApp.start(config(TOPIC, "wait", postgres.url()), registry, failures::add)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> offsetsBlocker(writer).isPresent());

            assertThat(offsetsBlocker(writer))
                    .hasValue(
                            "waiting on an offset gap (WRITER_OFFSET_GAP=wait): retained.events-0"
                                    + " at stored offset 10");
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> stored.count() == 10);
            assertThat(registry.get("writer.offset.gaps").counter().count()).isEqualTo(1);
            assertThat(registry.get("writer.offset.gap.records").counter().count()).isEqualTo(50);
        }
        assertThat(errors())
                .singleElement()
                .asString()
                .startsWith(
                        "offset gap on retained.events-0: stored offset 10, log from 60 to 80: 50"
                                + " records (offsets 10 to 59) were deleted before the writer"
                                + " read them (retention?).");

        try (WriterApp writer = start(TOPIC, "skip")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() == 30);
            assertThat(offsetsBlocker(writer)).isEmpty();
        }
        assertThat(errors()).hasSize(2).last().asString().contains("skipping 50 offsets");
        assertThat(new StoredEvents(postgres.dataSource(), "expired-%").count()).isZero();
        assertThat(failures).isEmpty();
    }

    @Test
    void records_deleted_while_a_running_writer_is_held_up_are_found_when_it_fetches_again()
            throws Exception {
        String topic = "retained.running";
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "running-%");
        URI database = URI.create(postgres.url().substring("jdbc:".length()));
        createTopicWithShortRetention(topic);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TcpProxy proxy = new TcpProxy(database.getHost(), database.getPort());
                WriterApp writer =
                        WriterApp.start(
                                config(topic, "wait", throughProxy(proxy, database)),
                                registry,
                                failures::add)) {
            produce(topic, "running-a", 10, System.currentTimeMillis() - 2 * SEGMENT_MS);
            await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() == 10);
            proxy.cut();
            // Read, but held: the writer cannot store it and pauses its partition at offset 15.
            produce(topic, "running-b", 5, System.currentTimeMillis() - 2 * SEGMENT_MS);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> registry.get("writer.batch.failures").counter().count() > 0);
            // A fetch sent before the pause may wait fetch.max.wait.ms (500) for new records and
            // would hand the next ones to the writer; let it come back empty first.
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            produce(topic, "gone-c", 50, System.currentTimeMillis() - 3_600_000);
            produce(topic, "running-d", 20, System.currentTimeMillis() + 1_800_000);
            await().atMost(Duration.ofMillis(RETENTION_MS).plusSeconds(20))
                    .until(() -> logStart(topic) == 65);
            proxy.restore();

            await().atMost(Duration.ofSeconds(30)).until(() -> offsetsBlocker(writer).isPresent());
            assertThat(offsetsBlocker(writer))
                    .hasValue(
                            "waiting on an offset gap (WRITER_OFFSET_GAP=wait): retained.running-0"
                                    + " at stored offset 15");
            assertThat(stored.count()).isEqualTo(15);
            assertThat(new StoredEvents(postgres.dataSource(), "gone-%").count()).isZero();
            assertThat(registry.get("writer.offset.gap.records").counter().count()).isEqualTo(50);
        }
        assertThat(errors())
                .singleElement()
                .asString()
                .startsWith(
                        "offset gap on retained.running-0: stored offset 15, log from 65 to 85: 50"
                                + " records (offsets 15 to 64)");
        assertThat(failures).isEmpty();
    }

    private WriterApp start(String topic, String gapPolicy) {
        return WriterApp.start(
                config(topic, gapPolicy, postgres.url()), new SimpleMeterRegistry(), failures::add);
    }

    private static String throughProxy(TcpProxy proxy, URI database) {
        return postgres.url()
                .replace(
                        database.getHost() + ":" + database.getPort(), "127.0.0.1:" + proxy.port());
    }

    private static WriterConfig config(String topic, String gapPolicy, String databaseUrl) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("DATABASE_URL", databaseUrl);
        env.put("WRITER_RETRY_MAX_MS", "500");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KAFKA_TOPIC", topic);
        env.put("KAFKA_TOPIC_PARTITIONS", "1");
        env.put("WRITER_BATCH_MAX_AGE_MS", "50");
        env.put("WRITER_OFFSET_GAP", gapPolicy);
        return WriterConfig.from(new Env(env));
    }

    private static Optional<String> offsetsBlocker(WriterApp writer) {
        return writer.readinessChecks().stream()
                .filter(check -> check.name().equals("offsets"))
                .map(ReadinessCheck::blocker)
                .findFirst()
                .orElseThrow()
                .get();
    }

    private List<String> errors() {
        return logs.list.stream()
                .filter(event -> event.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /**
     * A segment is deleted once its newest record is older than retention.ms (by the records' own
     * timestamps); a record arriving segment.ms after a segment's first starts a new one. So the
     * first events live long enough to be read, the hour-old ones that follow expire at once, and
     * the last ones, half an hour ahead, stay.
     */
    private static void createTopicWithShortRetention(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(topic, 1, (short) 1)
                                            .configs(
                                                    Map.of(
                                                            "retention.ms",
                                                                    Long.toString(RETENTION_MS),
                                                            "segment.ms",
                                                                    Long.toString(SEGMENT_MS)))))
                    .all()
                    .get();
        }
    }

    private static void produce(String topic, String userPrefix, int count, long timestampMillis)
            throws Exception {
        EventJson json = new EventJson();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < count; i++) {
                Event event = new Event(EVENT_TIME.plusSeconds(i), userPrefix + i, EventKind.CLICK);
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                0,
                                timestampMillis,
                                event.user().getBytes(StandardCharsets.UTF_8),
                                json.encode(event)));
            }
            producer.flush();
        }
    }

    private static long logStart(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = admin()) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.earliest()))
                    .partitionResult(partition)
                    .get()
                    .offset();
        }
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
