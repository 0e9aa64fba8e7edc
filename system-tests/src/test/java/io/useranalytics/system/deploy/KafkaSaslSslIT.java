package io.useranalytics.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.health.DependencyUnavailableException;
import io.useranalytics.common.kafka.KafkaConfig;
import io.useranalytics.common.kafka.KafkaConnection;
import io.useranalytics.common.kafka.TopicSetup;
import io.useranalytics.harness.ServiceJar;
import io.useranalytics.system.ThreeServices;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.SecureKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The services against a broker whose only client listener is SASL_SSL with a SCRAM user: every
 * Kafka client they create (producer, consumer, admins, the dead-letter producer, readiness) must
 * carry the settings, or its part of the pipeline stops.
 */
class KafkaSaslSslIT {
    private static final String USER = "analytics";
    private static final String PASSWORD = "scram \"secret\" \\ 1";

    @RegisterExtension static final SecureKafka kafka = SecureKafka.saslSsl();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @BeforeAll
    static void createUser() {
        kafka.createScramUser(USER, PASSWORD);
    }

    @Test
    void the_seeds_requests_pass_end_to_end_and_bad_records_reach_the_dead_letter_topic() {
        try (ThreeServices services =
                ThreeServices.start(kafka.bootstrapServers(), postgres, saslEnv(PASSWORD))) {
            services.postTheSeedsEvents();
            try (KafkaProducer<byte[], byte[]> producer = kafka.plaintextClients().producer()) {
                producer.send(
                        new ProducerRecord<>(
                                "analytics.events",
                                "x".getBytes(StandardCharsets.UTF_8),
                                "not an event".getBytes(StandardCharsets.UTF_8)));
            }

            services.awaitTheSeedsAnswer();
            assertThat(
                            kafka.plaintextClients()
                                    .consume("analytics.events.dlq", 1, Duration.ofSeconds(30)))
                    .hasSize(1);
            assertThat(services.ingest.http().get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(services.writer.http().get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_wrong_password_stops_the_service_with_one_line_naming_kafka_authentication()
            throws Exception {
        Map<String, String> env = new HashMap<>(saslEnv("not-the-password"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());

        Process ingest = ServiceJar.start("ingest-api", env, "kafka-wrong-password");

        assertThat(ingest.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ingest.exitValue()).isEqualTo(2);
        String log = Files.readString(ServiceJar.log("kafka-wrong-password"));
        assertThat(log)
                .contains(
                        "ingest-api: invalid configuration: Kafka authentication failed at "
                                + kafka.bootstrapServers()
                                + " (SASL_SSL)")
                .contains("SASL_SSL, SASL SCRAM-SHA-256 user analytics password ****")
                .doesNotContain("not-the-password")
                .doesNotContain("\tat ");
    }

    @Test
    void a_plaintext_client_at_the_tls_port_is_told_to_check_the_security_protocol() {
        KafkaConnection plaintext = KafkaConnection.plaintext(kafka.bootstrapServers());

        assertThatThrownBy(
                        () ->
                                TopicSetup.ensure(
                                        plaintext,
                                        Map.of("never.created", 1),
                                        KafkaConfig.BROKER_DEFAULT,
                                        Duration.ofSeconds(5)))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessage(
                        "Kafka at "
                                + kafka.bootstrapServers()
                                + " (PLAINTEXT) did not answer within 5 s: check that it runs,"
                                + " KAFKA_BOOTSTRAP_SERVERS, and that KAFKA_SECURITY_PROTOCOL is"
                                + " the protocol of that listener");
    }

    @Test
    void the_start_up_log_line_of_the_kafka_settings_shows_no_secret() {
        Env env = new Env(saslEnv(PASSWORD));

        String logged = KafkaConfig.from(env).toString();
        env.requireValid();

        assertThat(logged)
                .contains("SASL_SSL, SASL SCRAM-SHA-256 user analytics password ****")
                .contains("truststore " + kafka.tls().truststore() + " (PKCS12, password ****)")
                .doesNotContain(kafka.tls().password())
                .doesNotContain("secret");
    }

    private static Map<String, String> saslEnv(String password) {
        return Map.of(
                "KAFKA_SECURITY_PROTOCOL",
                "SASL_SSL",
                "KAFKA_SASL_MECHANISM",
                "SCRAM-SHA-256",
                "KAFKA_SASL_USERNAME",
                USER,
                "KAFKA_SASL_PASSWORD",
                password,
                "KAFKA_SSL_TRUSTSTORE_LOCATION",
                kafka.tls().truststore().toString(),
                "KAFKA_SSL_TRUSTSTORE_PASSWORD",
                kafka.tls().password());
    }
}
