package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.record.DeadLetterHeaders;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WriterIT {
    private static final long T0 = 1_224_567_997_000L;

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<WriterApp> writers = new ArrayList<>();
    private final Rows rows = new Rows(postgres.dataSource());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void stopWriters() {
        writers.forEach(WriterApp::close);
        assertThat(failures).isEmpty();
    }

    @Test
    void loads_valid_records_and_dead_letters_each_invalid_one_in_order_with_its_reason() {
        String topic = "poison";
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            values.add(click("poison-u" + (i % 7), T0 + i));
        }
        values.set(3, "{not json");
        values.set(10, "{\"timestamp\":" + T0 + ",\"user\":\"poison-x\",\"event\":\"view\"}");
        values.set(20, null);
        values.set(30, "{\"timestamp\":-5,\"user\":\"poison-x\",\"event\":\"click\"}");
        values.set(40, "{\"timestamp\":" + T0 + ",\"event\":\"click\"}");
        produce(topic, values);

        startWriter(topic);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows.count(eventsOfUsers("poison-u")) == 55);
        List<ConsumerRecord<byte[], byte[]>> dead =
                kafka.consume(topic + ".dlq", 5, Duration.ofSeconds(20));
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("3", "10", "20", "30", "40");
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterHeaders.REASON))
                .containsExactly(
                        "value: value is not valid UTF-8 JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
                        "event: event 'view' is not click or impression",
                        "value: record has no value (a tombstone)",
                        "timestamp: timestamp 1969-12-31T23:59:55Z is before the earliest accepted 1970-01-01T00:00:00Z",
                        "user: user is missing");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(dead.get(2).value()).isNull();
        assertThat(rows.count("SELECT count(*) FROM users WHERE external_id LIKE 'poison-u%'"))
                .isEqualTo(7);
        System.out.printf(
                "WriterIT poison: records=%d stored=%d dead-lettered=%d (in order, with reasons)%n",
                values.size(), rows.count(eventsOfUsers("poison-u")), dead.size());
        assertThat(meters.get("writer.records.dead.lettered").counter().count()).isEqualTo(5);
        assertThat(meters.get("writer.events.written").counter().count()).isEqualTo(55);
    }

    @Test
    void a_restarted_writer_resumes_after_the_last_committed_batch_without_duplicates() {
        String topic = "restart";
        produce(topic, clicks("restart-u", 0, 500));
        WriterApp first = startWriter(topic);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows.count(eventsOfUsers("restart-u")) == 500);

        first.close();
        writers.remove(first);
        produce(topic, clicks("restart-u", 500, 300));
        startWriter(topic);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows.count(eventsOfUsers("restart-u")) == 800);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> rows.count(eventsOfUsers("restart-u")) == 800);
        assertThat(
                        rows.count(
                                "SELECT count(*) FROM (SELECT time FROM events e JOIN users u ON u.id = e.user_id"
                                        + " WHERE u.external_id LIKE 'restart-u%' GROUP BY time HAVING count(*) > 1) d"))
                .isZero();
    }

    @Test
    void a_record_the_database_refuses_is_dead_lettered_alone_and_every_other_event_stored_once() {
        String topic = "refused";
        startWriter(topic);
        rows.execute(
                "ALTER TABLE users ADD CONSTRAINT no_refused_poison"
                        + " CHECK (external_id NOT LIKE 'refused-poison%')");
        try {
            List<String> values = clicks("refused-u", 0, 500);
            values.set(117, click("refused-poison-1", T0));
            values.set(118, "{not json");
            values.set(402, click("refused-poison-2", T0));
            produce(topic, values);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> rows.count(eventsOfUsers("refused-u")) == 497);
            List<ConsumerRecord<byte[], byte[]>> dead =
                    kafka.consume(topic + ".dlq", 4, Duration.ofSeconds(5));

            assertThat(dead)
                    .extracting(r -> header(r, DeadLetterHeaders.SOURCE_OFFSET))
                    .containsExactlyInAnyOrder("117", "118", "402");
            assertThat(dead)
                    .filteredOn(r -> !header(r, DeadLetterHeaders.SOURCE_OFFSET).equals("118"))
                    .extracting(r -> header(r, DeadLetterHeaders.REASON))
                    .allSatisfy(
                            reason ->
                                    assertThat(reason)
                                            .startsWith("the database refused it: ERROR: new row")
                                            .contains("violates check constraint"));
            assertThat(meters.get("writer.records.dead.lettered").counter().count()).isEqualTo(3);
            assertThat(
                            rows.count(
                                    "SELECT count(*) FROM (SELECT e.time, u.external_id FROM events e"
                                            + " JOIN users u ON u.id = e.user_id WHERE u.external_id"
                                            + " LIKE 'refused-u%' GROUP BY 1, 2 HAVING count(*) > 1) d"))
                    .isZero();
        } finally {
            rows.execute("ALTER TABLE users DROP CONSTRAINT no_refused_poison");
        }
    }

    @Test
    void a_user_with_a_lone_surrogate_produced_straight_to_the_topic_is_dead_lettered() {
        String topic = "surrogate";
        List<String> values = clicks("surrogate-u", 0, 20);
        values.set(5, "{\"timestamp_ms\":" + T0 + ",\"user\":\"kp\\ud800\",\"event\":\"click\"}");
        produce(topic, values);

        startWriter(topic);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows.count(eventsOfUsers("surrogate-u")) == 19);
        List<ConsumerRecord<byte[], byte[]>> dead =
                kafka.consume(topic + ".dlq", 1, Duration.ofSeconds(20));
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterHeaders.REASON))
                .containsExactly(
                        "user: user has a lone UTF-16 surrogate \\uD800 at character 3: not Unicode"
                                + " text, so it cannot be stored as sent");
        assertThat(rows.count("SELECT count(*) FROM users WHERE external_id LIKE 'kp%'")).isZero();
        assertThat(meters.get("writer.records.dead.lettered").counter().count()).isEqualTo(1);
    }

    private WriterApp startWriter(String topic) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KAFKA_TOPIC", topic);
        env.put("KAFKA_TOPIC_PARTITIONS", "3");
        env.put("KAFKA_DLQ_TOPIC", topic + ".dlq");
        env.put("WRITER_GROUP_ID", "writers-" + topic);
        env.put("WRITER_BATCH_MAX_EVENTS", "100");
        env.put("WRITER_BATCH_MAX_AGE_MS", "50");
        WriterApp writer = WriterApp.start(WriterConfig.from(new Env(env)), meters, failures::add);
        writers.add(writer);
        return writer;
    }

    private static void produce(String topic, List<String> values) {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (String value : values) {
                byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, 0, null, bytes));
            }
            producer.flush();
        }
    }

    private static List<String> clicks(String userPrefix, int from, int count) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            values.add(click(userPrefix + (i % 13), T0 + i));
        }
        return values;
    }

    private static String click(String user, long epochMillis) {
        return "{\"timestamp\":" + epochMillis + ",\"user\":\"" + user + "\",\"event\":\"click\"}";
    }

    private static String eventsOfUsers(String prefix) {
        return "SELECT count(*) FROM events e JOIN users u ON u.id = e.user_id WHERE u.external_id LIKE '"
                + prefix
                + "%'";
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
