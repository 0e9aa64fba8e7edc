package io.useranalytics.system.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.useranalytics.common.config.Env;
import io.useranalytics.ingest.fileimport.ImportCommand;
import io.useranalytics.record.DeadLetterHeaders;
import io.useranalytics.system.RunningServices;
import io.useranalytics.system.Scrape;
import io.useranalytics.testsupport.Http;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random text over all of Unicode, with control characters, lone surrogates and bytes that are no
 * UTF-8, as user ids and event ids through every door: a single POST, a batch, an import file and a
 * record produced straight to Kafka. Every input is refused with a reason, or stored and read back
 * byte-equal; the pipeline takes exactly the inputs the text rule allows, and the counts equal
 * brute force.
 */
class EveryDoorFuzzIT {
    private static final int PER_DOOR = 2_500;
    private static final int BATCH_LINES = 25;
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String TOPIC = "analytics.events";
    private static final Pattern CHECKED =
            Pattern.compile(
                    "checked ([0-9,]+) events in 1 file\\(s\\): ([0-9,]+) valid, ([0-9,]+) bad");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final RunningServices services = new RunningServices();

    @TempDir static Path folder;

    /** One input: what a client sends, at which door, and what became of it. */
    private static final class Input {
        final String door;
        final HostileText.Sample user;
        final Optional<HostileText.Sample> id;
        final Instant at;
        Optional<Boolean> accepted = Optional.empty();
        Optional<String> reason = Optional.empty();

        Input(String door, HostileText.Sample user, Optional<HostileText.Sample> id, Instant at) {
            this.door = door;
            this.user = user;
            this.id = id;
            this.at = at;
        }

        boolean isValid() {
            return user.isValid() && id.map(HostileText.Sample::isValid).orElse(true);
        }

        void refused(String why) {
            accepted = Optional.of(false);
            reason = Optional.of(why);
        }
    }

    @Test
    void
            every_door_refuses_what_the_text_rule_refuses_with_a_reason_and_stores_the_rest_byte_equal()
                    throws Exception {
        long seed = System.nanoTime();
        HostileText text = new HostileText(seed);
        Random coin = new Random(seed);
        List<Input> single = inputs("s", 0, text, coin);
        List<Input> batch = inputs("b", 1, text, coin);
        List<Input> imported = inputs("f", 2, text, coin);
        List<Input> produced = inputs("k", 3, text, coin);

        postOneByOne(single);
        postInBatches(batch, coin);
        ImportReport report = importFile(imported, coin);
        Map<Long, Input> byOffset = produceStraight(produced, coin);

        List<Input> all = new ArrayList<>(single);
        all.addAll(batch);
        all.addAll(imported);
        all.addAll(produced);
        long valid = all.stream().filter(Input::isValid).count();
        long invalidProduced = produced.stream().filter(input -> !input.isValid()).count();
        await().atMost(Duration.ofSeconds(90)).until(() -> storedUsers().size() == valid);
        List<ConsumerRecord<byte[], byte[]>> dead =
                services.kafka()
                        .consume(TOPIC + ".dlq", (int) invalidProduced, Duration.ofSeconds(30));
        Set<String> stored = storedUsers();
        judgeByWhatWasStored(imported, stored);
        judgeByDeadLetters(produced, byOffset, dead, stored);
        System.out.printf(
                "EveryDoorFuzzIT seed %d: %d inputs, %d valid and stored, %d refused (single %d,"
                        + " batch %d, import %d, kafka %d)%n",
                seed,
                all.size(),
                valid,
                all.size() - valid,
                refused(single),
                refused(batch),
                refused(imported),
                refused(produced));

        for (Input input : all) {
            assertThat(input.accepted)
                    .as("%s door, user %s (seed %d)", input.door, escaped(input.user), seed)
                    .hasValue(input.isValid());
            if (!input.isValid()) {
                assertThat(input.reason)
                        .as("reason for %s", escaped(input.user))
                        .get()
                        .asString()
                        .isNotBlank();
            }
        }
        assertThat(stored)
                .as("users stored byte-equal (seed %d)", seed)
                .isEqualTo(textsOf(all, input -> Optional.of(input.user)));
        assertThat(storedIds())
                .as("event ids stored byte-equal (seed %d)", seed)
                .isEqualTo(textsOf(all, input -> input.id));
        assertThat(report.valid()).isEqualTo(imported.stream().filter(Input::isValid).count());
        JsonNode hour =
                JSON.readTree(
                        services.get()
                                .query
                                .http()
                                .get(
                                        "/analytics?from=" + T0 + "&to=" + T0.plusSeconds(3600),
                                        "application/json")
                                .body());
        assertThat(hour.get("unique_users").asLong()).isEqualTo(valid);
        assertThat(hour.get("clicks").asLong()).isEqualTo(valid);
        assertThat(hour.get("impressions").asLong()).isZero();
        assertThat(metric(services.get().ingest.http(), "ingest_events_in_flight")).isZero();
    }

    private static List<Input> inputs(String door, int doorIndex, HostileText text, Random coin) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < PER_DOOR; i++) {
            String tag = door + i + "-";
            Optional<HostileText.Sample> id =
                    coin.nextInt(3) == 0
                            ? Optional.of(text.next("id" + tag, 128))
                            : Optional.empty();
            inputs.add(
                    new Input(
                            door,
                            text.next("fz" + tag, 256),
                            id,
                            T0.plusMillis(doorIndex * PER_DOOR + i)));
        }
        return inputs;
    }

    /** POST /analytics, the values percent-encoded byte by byte; 204 or a 400 naming them. */
    private static void postOneByOne(List<Input> inputs) throws Exception {
        RawHttp http = new RawHttp(services.get().ingest.port());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Input input : inputs) {
                sent.add(pool.submit(() -> postOne(http, input)));
            }
            for (Future<?> answer : sent) {
                answer.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void postOne(RawHttp http, Input input) throws Exception {
        String query =
                "timestamp="
                        + input.at.toEpochMilli()
                        + "&user="
                        + percentEncoded(input.user.utf8())
                        + "&event=click"
                        + input.id.map(id -> "&id=" + percentEncoded(id.utf8())).orElse("");
        RawHttp.Answer answer =
                http.exchange(
                        ("POST /analytics?"
                                        + query
                                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
        if (answer.status() == 204) {
            input.accepted = Optional.of(true);
        } else {
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.text()).containsPattern("\"parameter\":\"(user|id)\"");
            input.refused(answer.text());
        }
        return null;
    }

    /**
     * NDJSON batches of {@value #BATCH_LINES}: a 400 lists the bad lines and publishes nothing, so
     * the other lines are sent again without them, as a client would.
     */
    private static void postInBatches(List<Input> inputs, Random coin) throws Exception {
        Http http = services.get().ingest.http();
        for (int from = 0; from < inputs.size(); from += BATCH_LINES) {
            List<Input> pending =
                    new ArrayList<>(
                            inputs.subList(from, Math.min(inputs.size(), from + BATCH_LINES)));
            while (!pending.isEmpty()) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (Input input : pending) {
                    body.writeBytes(EventLines.ndjson(input.user, input.id, input.at, coin));
                    body.write('\n');
                }
                HttpResponse<String> answer =
                        http.post(
                                "/analytics/batch",
                                body.toByteArray(),
                                Map.of("Content-Type", "application/x-ndjson"));
                if (answer.statusCode() == 200) {
                    pending.forEach(input -> input.accepted = Optional.of(true));
                    break;
                }
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
                JsonNode problem = JSON.readTree(answer.body());
                assertThat(problem.get("accepted").asInt()).isZero();
                List<Input> rejected = new ArrayList<>();
                for (JsonNode line : problem.get("rejected")) {
                    Input input = pending.get(line.get("line").asInt() - 1);
                    input.refused(line.get("detail").asText());
                    rejected.add(input);
                }
                assertThat(rejected).isNotEmpty();
                pending.removeAll(rejected);
            }
        }
    }

    /** What the import tool said of its check: the valid and bad lines, the first listed. */
    private record ImportReport(long valid, long bad, Map<Integer, String> listed) {}

    private static ImportReport importFile(List<Input> inputs, Random coin) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (Input input : inputs) {
            file.writeBytes(EventLines.ndjson(input.user, input.id, input.at, coin));
            file.write('\n');
        }
        Path path = Files.write(folder.resolve("fuzz.ndjson"), file.toByteArray());
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", services.kafka().bootstrapServers());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit =
                ImportCommand.run(
                        new Env(env),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        "--skip-bad",
                        path.toString());
        String said = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(said).isZero();
        Matcher checked = CHECKED.matcher(said);
        assertThat(checked.find()).as(said).isTrue();
        Map<Integer, String> listed = new HashMap<>();
        Matcher bad =
                Pattern.compile(Pattern.quote(path.toString()) + ":([0-9]+): (.*)").matcher(said);
        while (bad.find()) {
            listed.put(Integer.parseInt(bad.group(1)), bad.group(2));
        }
        ImportReport report =
                new ImportReport(number(checked.group(2)), number(checked.group(3)), listed);
        assertThat(report.valid() + report.bad()).isEqualTo(inputs.size());
        listed.forEach((line, reason) -> inputs.get(line - 1).refused(reason));
        return report;
    }

    /** Records keyed by user, their values as a direct producer might write them. */
    private static Map<Long, Input> produceStraight(List<Input> inputs, Random coin)
            throws Exception {
        Map<Long, Input> byOffset = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = services.kafka().producer()) {
            for (Input input : inputs) {
                byte[] value = EventLines.kafkaValue(input.user, input.id, input.at, coin);
                long offset =
                        producer.send(new ProducerRecord<>(TOPIC, 0, input.user.utf8(), value))
                                .get()
                                .offset();
                byOffset.put(offset, input);
            }
        }
        return byOffset;
    }

    /** An import line not listed as bad was taken if, and only if, its user is stored. */
    private static void judgeByWhatWasStored(List<Input> inputs, Set<String> stored) {
        for (Input input : inputs) {
            if (input.accepted.isEmpty()) {
                boolean isStored = stored.contains(input.user.text());
                input.accepted = Optional.of(isStored);
                if (!isStored) {
                    input.reason = Optional.of("counted among the import's bad lines");
                }
            }
        }
    }

    /** A record straight from Kafka is stored, or dead-lettered with its reason; never both. */
    private static void judgeByDeadLetters(
            List<Input> inputs,
            Map<Long, Input> byOffset,
            List<ConsumerRecord<byte[], byte[]>> dead,
            Set<String> stored) {
        for (ConsumerRecord<byte[], byte[]> letter : dead) {
            long offset = Long.parseLong(header(letter, DeadLetterHeaders.SOURCE_OFFSET));
            byOffset.get(offset).refused(header(letter, DeadLetterHeaders.REASON));
        }
        for (Input input : inputs) {
            boolean isStored = stored.contains(input.user.text());
            if (input.accepted.isPresent()) {
                assertThat(isStored)
                        .as("dead-lettered and stored: %s", escaped(input.user))
                        .isFalse();
            } else {
                input.accepted = Optional.of(isStored);
            }
        }
    }

    private static Set<String> textsOf(
            List<Input> inputs,
            java.util.function.Function<Input, Optional<HostileText.Sample>> field) {
        Set<String> texts = new HashSet<>();
        for (Input input : inputs) {
            if (input.isValid()) {
                field.apply(input).ifPresent(sample -> texts.add(sample.text()));
            }
        }
        return texts;
    }

    private static Set<String> storedUsers() throws SQLException {
        return strings("SELECT external_id FROM users WHERE external_id LIKE 'fz%'");
    }

    private static Set<String> storedIds() throws SQLException {
        return strings("SELECT id FROM event_ids WHERE id LIKE 'id%'");
    }

    private static Set<String> strings(String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection connection = services.postgres().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static long refused(List<Input> inputs) {
        return inputs.stream().filter(input -> input.accepted.equals(Optional.of(false))).count();
    }

    private static double metric(Http http, String name) {
        Scrape scrape = new Scrape(http.get("/metrics").body());
        assertThat(scrape.has(name)).as("metric %s is served", name).isTrue();
        return scrape.sum(name);
    }

    private static String percentEncoded(byte[] bytes) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : bytes) {
            encoded.append(String.format("%%%02X", b & 0xFF));
        }
        return encoded.toString();
    }

    private static String escaped(HostileText.Sample sample) {
        StringBuilder text = new StringBuilder();
        sample.text()
                .chars()
                .forEach(
                        c ->
                                text.append(
                                        c < 0x20 || c > 0x7E
                                                ? String.format("\\u%04X", c)
                                                : String.valueOf((char) c)));
        return text.toString();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
