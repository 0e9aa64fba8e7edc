package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.event.Event;
import io.useranalytics.common.event.EventJson;
import io.useranalytics.common.event.EventKind;
import io.useranalytics.common.http.ReadinessCheck;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Kafka's retention deletes records the writer has not read while the writer is stopped: the gap is
 * reported with its size, and nothing after it is read until the operator accepts it.
 */
class RetentionGapIT {
    private static final String TOPIC = "retained.events";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
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

    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static final Logger gapLogger = (Logger) LoggerFactory.getLogger(OffsetGaps.class);
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final StoredEvents stored = new StoredEvents(postgres.dataSource(), "%");

    @BeforeAll
    static void captureGapLogs() {
        logs.start();
        gapLogger.addAppender(logs);
    }

    @AfterAll
    static void releaseGapLogs() {
        gapLogger.detachAppender(logs);
    }

    @Test
    void records_deleted_unread_are_reported_with_their_count_and_skipped_only_when_accepted()
            throws Exception {
        createTopicWithShortRetention();
        try (WriterApp writer = start("wait")) {
            // Old enough that the next record starts a segment, young enough to be read first.
            produce("kept-a", 10, System.currentTimeMillis() - 2 * SEGMENT_MS);
            await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() == 10);
        }
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        long halfHourAhead = System.currentTimeMillis() + 1_800_000;
        produce("lost-b", 50, hourAgo);
        produce("kept-c", 20, halfHourAhead);
        await().atMost(Duration.ofMillis(RETENTION_MS).plusSeconds(20))
                .until(() -> logStart() == 60);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (WriterApp writer = WriterApp.start(config("wait"), registry, failures::add)) {
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

        try (WriterApp writer = start("skip")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() == 30);
            assertThat(offsetsBlocker(writer)).isEmpty();
        }
        assertThat(errors()).hasSize(2).last().asString().contains("skipping 50 offsets");
        assertThat(stored.perUser().keySet()).noneMatch(user -> user.startsWith("lost-"));
        assertThat(failures).isEmpty();
    }

    private WriterApp start(String gapPolicy) {
        return WriterApp.start(config(gapPolicy), new SimpleMeterRegistry(), failures::add);
    }

    private static WriterConfig config(String gapPolicy) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KAFKA_TOPIC", TOPIC);
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

    private static List<String> errors() {
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
    private static void createTopicWithShortRetention() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(TOPIC, 1, (short) 1)
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

    private static void produce(String userPrefix, int count, long timestampMillis)
            throws Exception {
        EventJson json = new EventJson();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < count; i++) {
                Event event = new Event(EVENT_TIME.plusSeconds(i), userPrefix + i, EventKind.CLICK);
                producer.send(
                        new ProducerRecord<>(
                                TOPIC,
                                0,
                                timestampMillis,
                                event.user().getBytes(StandardCharsets.UTF_8),
                                json.encode(event)));
            }
            producer.flush();
        }
    }

    private static long logStart() throws Exception {
        try (Admin admin = admin()) {
            return admin.listOffsets(Map.of(P0, OffsetSpec.earliest()))
                    .partitionResult(P0)
                    .get()
                    .offset();
        }
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
