package io.useranalytics.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.useranalytics.system.EmbeddedPipeline;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.RealPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The README's story: one process, one port, the seed's three requests. */
class PipelineIT {
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @TempDir static Path kafkaDir;

    private static EmbeddedPipeline pipeline;
    private static Http http;

    @BeforeAll
    static void start() {
        pipeline = EmbeddedPipeline.start(postgres, kafkaDir, Map.of());
        http = new Http(pipeline.pipeline().port());
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void the_seeds_requests_answer_as_the_readme_says_on_one_port() {
        int click = http.post("/analytics?timestamp=1224567997&user=3&event=click").statusCode();
        int impression =
                http.post("/analytics?timestamp=1224567998&user=1&event=impression").statusCode();

        assertThat(click).isEqualTo(204);
        assertThat(impression).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                assertThat(http.get("/analytics?timestamp=1224567999").body())
                                        .isEqualTo("unique_users,2\nclicks,1\nimpressions,1\n"));
        assertThat(Files.exists(kafkaDir.resolve("meta.properties"))).isTrue();
    }

    @Test
    void a_record_produced_straight_to_the_topic_that_is_no_event_shows_in_the_metrics() {
        Map<String, Object> settings =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                pipeline.pipeline().kafkaBootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            producer.send(
                    new ProducerRecord<>("analytics.events", "x", "{\"timestamp\": \"soon\"}"));
        }

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                assertThat(http.get("/metrics").body())
                                        .contains("writer_records_dead_lettered_total 1.0"));
        assertThat(http.get("/metrics").headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void every_alert_rule_names_only_metrics_the_pipeline_serves() throws Exception {
        JsonNode rules =
                new ObjectMapper(new YAMLFactory())
                        .readTree(Path.of("../ops/alerts.yml").toFile())
                        .get("groups")
                        .get(0)
                        .get("rules");
        String served = http.get("/metrics").body();

        assertThat(rules.size()).isGreaterThanOrEqualTo(7);
        for (JsonNode rule : rules) {
            assertThat(rule.get("alert").asText()).isNotBlank();
            assertThat(rule.at("/labels/severity").asText()).isIn("critical", "warning", "info");
            assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
            for (String metric : metricsIn(rule.get("expr").asText())) {
                assertThat(served)
                        .as("%s names %s", rule.get("alert").asText(), metric)
                        .containsPattern("(?m)^" + metric + "[{ ]");
            }
        }
    }

    /** The metric names of a PromQL expression: its identifiers less functions and keywords. */
    private static List<String> metricsIn(String expr) {
        String bare =
                expr.replaceAll("\\{[^}]*}", "")
                        .replaceAll("\\[[^]]*]", "")
                        .replaceAll("by \\([^)]*\\)", "");
        return Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*")
                .matcher(bare)
                .results()
                .map(MatchResult::group)
                .filter(name -> !PROMQL_WORDS.contains(name))
                .toList();
    }

    private static final Set<String> PROMQL_WORDS =
            Set.of("increase", "rate", "max", "min", "sum", "avg", "time", "and", "or", "unless");
}
