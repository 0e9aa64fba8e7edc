package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.record.DeadLetterHeaders;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import io.useranalytics.writer.replay.ReplayCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator's session: the writer dead-letters events older than its TIMESTAMP_EARLIEST; the
 * setting is fixed, the writer restarted, and {@code writer.jar replay} sends them back, each
 * stored exactly once, however often the replay runs.
 */
class DeadLetterReplayIT {
    private static final long IN_2019 = 1_546_300_800_000L;
    private static final long IN_2021 = 1_609_459_200_000L;

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<WriterApp> writers = new ArrayList<>();
    private final Rows rows = new Rows(postgres.dataSource());

    @AfterEach
    void stopWriters() {
        writers.forEach(WriterApp::close);
        assertThat(failures).isEmpty();
    }

    @Test
    void dead_letters_replayed_after_a_fix_are_stored_once_however_often_the_replay_runs() {
        String topic = "replay-fix";
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            values.add(click("fix-new-" + i, IN_2021 + i));
        }
        for (int i = 0; i < 3; i++) {
            values.add(click("fix-old-" + i, IN_2019 + i));
        }
        values.add("{not json");
        produce(topic, values);
        WriterApp strict = startWriter(topic, Map.of("TIMESTAMP_EARLIEST", "2020-01-01T00:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.count(eventsOf("fix-new-")) == 5);
        assertThat(kafka.consume(topic + ".dlq", 4, Duration.ofSeconds(20))).hasSize(4);
        strict.close();
        writers.remove(strict);
        startWriter(topic, Map.of());

        Run first = replay(topic, "--reason", "before the earliest accepted");

        assertThat(first.exit()).isZero();
        assertThat(first.out())
                .contains(
                        "replaying reason containing 'before the earliest accepted' from"
                                + " replay-fix.dlq to replay-fix (replay 'all', consumer group"
                                + " replay-fix.dlq.replay.all)",
                        "replayed 3 of 4 dead letters read (1 left by the filter)");
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.count(eventsOf("fix-old-")) == 3);

        Run again = replay(topic, "--reason", "before the earliest accepted");

        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("replayed 0 of 0 dead letters read");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> rows.count(eventsOf("fix-old-")) == 3);
        assertThat(rows.count(eventsOf("fix-"))).isEqualTo(8);
    }

    @Test
    void a_record_rejected_again_returns_to_the_dead_letters_naming_where_it_was_replayed_from() {
        String topic = "replay-again";
        produce(topic, List.of("{not json", click("again-ok", IN_2021)));
        startWriter(topic, Map.of());
        int partition = kafka.consume(topic + ".dlq", 1, Duration.ofSeconds(20)).get(0).partition();

        Run run =
                replay(
                        topic,
                        "--name",
                        "json-check",
                        "--partition",
                        Integer.toString(partition),
                        "--from-offset",
                        "0");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("replayed 1 of 1 dead letters read (0 left by the filter)");
        List<ConsumerRecord<byte[], byte[]>> dead =
                kafka.consume(topic + ".dlq", 2, Duration.ofSeconds(20));
        assertThat(dead).hasSize(2);
        ConsumerRecord<byte[], byte[]> rejectedAgain =
                dead.stream()
                        .filter(
                                r ->
                                        r.headers().lastHeader(DeadLetterHeaders.REPLAYED_FROM)
                                                != null)
                        .findFirst()
                        .orElseThrow();
        assertThat(header(rejectedAgain, DeadLetterHeaders.REPLAYED_FROM))
                .isEqualTo("replay-again.dlq-" + partition + "@0");
        assertThat(header(rejectedAgain, DeadLetterHeaders.REASON))
                .contains("not valid UTF-8 JSON");
        assertThat(rejectedAgain.headers().headers(DeadLetterHeaders.REASON)).hasSize(1);
    }

    @Test
    void a_replay_that_died_mid_transaction_is_aborted_by_the_next_run_and_nothing_is_doubled()
            throws Exception {
        String topic = "replay-crash";
        produce(topic, List.of(click("crash-old", IN_2019)));
        WriterApp strict = startWriter(topic, Map.of("TIMESTAMP_EARLIEST", "2020-01-01T00:00:00Z"));
        assertThat(kafka.consume(topic + ".dlq", 1, Duration.ofSeconds(20))).hasSize(1);
        strict.close();
        writers.remove(strict);
        startWriter(topic, Map.of());
        // What a replay killed after sending, before committing, leaves behind.
        try (KafkaProducer<byte[], byte[]> died =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                topic + ".dlq.replay.all",
                                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                                ByteArraySerializer.class,
                                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                                ByteArraySerializer.class))) {
            died.initTransactions();
            died.beginTransaction();
            died.send(new ProducerRecord<>(topic, bytes(click("crash-old", IN_2019)))).get();

            Run run = replay(topic);

            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("replayed 1 of 1 dead letters read");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.count(eventsOf("crash-old")) == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> rows.count(eventsOf("crash-old")) == 1);
    }

    @Test
    void bad_options_and_a_missing_topic_are_one_line_each_with_exit_codes() {
        Run badRange = replay("replay-bad", "--from-offset", "5", "--to-offset", "5");
        assertThat(badRange.exit()).isEqualTo(2);
        assertThat(badRange.err())
                .startsWith(
                        "replay: --partition and --from-offset must not be negative, and"
                                + " --to-offset must be greater than --from-offset")
                .contains("Usage: java -jar writer.jar replay");

        Run badName = replay("replay-bad", "--name", "a b");
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(badName.err())
                .startsWith(
                        "replay: --name 'a b' is not 1 to 100 letters, digits, '.', '_' or '-'");

        Run missing = replay("replay-missing");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err())
                .startsWith(
                        "replay: stopped: the dead-letter topic replay-missing.dlq does not exist");
        assertThat(missing.err().lines()).hasSize(1);
    }

    private record Run(int exit, String out, String err) {}

    private static Run replay(String topic, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KAFKA_TOPIC", topic);
        env.put("KAFKA_DLQ_TOPIC", topic + ".dlq");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                ReplayCommand.run(
                        new Env(env),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        args);
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private WriterApp startWriter(String topic, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KAFKA_TOPIC", topic);
        env.put("KAFKA_TOPIC_PARTITIONS", "3");
        env.put("KAFKA_DLQ_TOPIC", topic + ".dlq");
        env.put("WRITER_GROUP_ID", "writers-" + topic);
        env.put("WRITER_BATCH_MAX_AGE_MS", "50");
        env.putAll(settings);
        WriterApp writer =
                WriterApp.start(
                        WriterConfig.from(new Env(env)), new SimpleMeterRegistry(), failures::add);
        writers.add(writer);
        return writer;
    }

    private static void produce(String topic, List<String> values) {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, 0, null, bytes(value)));
            }
            producer.flush();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String click(String user, long epochMillis) {
        return "{\"timestamp\":" + epochMillis + ",\"user\":\"" + user + "\",\"event\":\"click\"}";
    }

    private static String eventsOf(String prefix) {
        return "SELECT count(*) FROM events e JOIN users u ON u.id = e.user_id"
                + " WHERE u.external_id LIKE '"
                + prefix
                + "%'";
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
