package io.useranalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostEventIT {
    private static final String TOPIC = "analytics.events";

    @RegisterExtension static final RealKafka kafka = new RealKafka();

    private static LocalService<IngestApp> ingest;
    private static Http http;

    @BeforeAll
    static void start() {
        ingest = IngestUnderTest.start(kafka, Map.of("INGEST_ACK_TIMEOUT_MS", "1500"));
        http = ingest.http();
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void publishes_the_seeds_click_keyed_by_user_and_answers_204() {
        HttpResponse<String> response =
                http.post("/analytics?timestamp=1224567997&user=seed-3&event=click");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        ConsumerRecord<byte[], byte[]> record = recordOf("seed-3");
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"timestamp_ms\":1224567997000,\"user\":\"seed-3\",\"event\":\"click\"}");
    }

    @Test
    void answers_bad_input_with_a_problem_naming_the_parameter_and_publishes_nothing() {
        HttpResponse<String> response =
                http.post("/analytics?timestamp=1224567997&user=bad-1&event=view");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json;charset=utf-8");
        assertThat(response.body())
                .isEqualTo(
                        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                                + "\"detail\":\"event 'view' is not click or impression\","
                                + "\"instance\":\"/analytics\",\"parameter\":\"event\"}");
        http.post("/analytics?timestamp=1224567997&user=after-bad-1&event=click");
        assertThat(recordsOf("bad-1")).isEmpty();
    }

    @Test
    void answers_a_missing_parameter_and_a_wrong_method_with_problems() {
        HttpResponse<String> missing = http.post("/analytics?timestamp=1224567997&event=click");
        HttpResponse<String> wrongMethod = http.send("PUT", "/analytics");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body())
                .contains("\"detail\":\"user is missing\"", "\"parameter\":\"user\"");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json;charset=utf-8");
    }

    @Test
    void answers_503_with_retry_after_while_kafka_is_down_and_204_once_it_is_back() {
        kafka.stop();
        HttpResponse<String> whileDown;
        long started = System.nanoTime();
        try {
            whileDown = http.post("/analytics?timestamp=1224567997&user=outage-1&event=click");
        } finally {
            kafka.start();
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(whileDown.statusCode()).isEqualTo(503);
        assertThat(whileDown.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(whileDown.body()).contains("Kafka did not acknowledge the event within 1500 ms");
        assertThat(tookMillis).isLessThan(10_000);
        HttpResponse<String> afterRestart =
                http.post("/analytics?timestamp=1224567997&user=outage-2&event=click");
        assertThat(afterRestart.statusCode()).isEqualTo(204);
        assertThat(recordsOf("outage-2")).hasSize(1);
    }

    private static ConsumerRecord<byte[], byte[]> recordOf(String user) {
        List<ConsumerRecord<byte[], byte[]>> records = recordsOf(user);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static List<ConsumerRecord<byte[], byte[]>> recordsOf(String user) {
        return kafka.consume(TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(user))
                .toList();
    }
}
