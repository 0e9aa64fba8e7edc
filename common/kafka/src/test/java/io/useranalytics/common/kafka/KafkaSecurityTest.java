package io.useranalytics.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.common.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {
    @TempDir Path dir;

    @Test
    void plaintext_by_default_adds_nothing_but_the_protocol() {
        Env env = new Env(Map.of());

        KafkaSecurity security = KafkaSecurity.from(env);
        env.requireValid();

        assertThat(security.clientSettings()).isEqualTo(Map.of("security.protocol", "PLAINTEXT"));
    }

    @Test
    void sasl_ssl_with_scram_gives_the_jaas_line_with_quotes_escaped() throws IOException {
        Path trust = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----");
        Env env =
                new Env(
                        Map.of(
                                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                                "KAFKA_SASL_USERNAME", "svc",
                                "KAFKA_SASL_PASSWORD", "a\"b\\c",
                                "KAFKA_SSL_TRUSTSTORE_LOCATION", trust.toString(),
                                "KAFKA_SSL_VERIFY_HOSTNAME", "false"));

        Map<String, Object> settings = KafkaSecurity.from(env).clientSettings();
        env.requireValid();

        assertThat(settings)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"svc\" password=\"a\\\"b\\\\c\";")
                .containsEntry("ssl.truststore.location", trust.toString())
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.endpoint.identification.algorithm", "")
                .doesNotContainKey("ssl.truststore.password");
    }

    @Test
    void sasl_needs_a_user_and_password_and_names_both() {
        Env env = new Env(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"));

        KafkaSecurity.from(env);

        assertThatThrownBy(env::requireValid)
                .hasMessage(
                        "invalid configuration: KAFKA_SASL_USERNAME is not set;"
                                + " KAFKA_SASL_PASSWORD is not set");
    }

    @Test
    void settings_the_protocol_does_not_use_are_refused_not_ignored() {
        Env env =
                new Env(
                        Map.of(
                                "KAFKA_SASL_USERNAME", "svc",
                                "KAFKA_SSL_KEY_PASSWORD", "x"));

        KafkaSecurity.from(env);

        assertThatThrownBy(env::requireValid)
                .hasMessage(
                        "invalid configuration: KAFKA_SASL_USERNAME is set, but"
                                + " KAFKA_SECURITY_PROTOCOL PLAINTEXT does not use it: set"
                                + " KAFKA_SECURITY_PROTOCOL to SASL_SSL or SASL_PLAINTEXT;"
                                + " KAFKA_SSL_KEY_PASSWORD is set, but KAFKA_SECURITY_PROTOCOL"
                                + " PLAINTEXT does not use it: set KAFKA_SECURITY_PROTOCOL to SSL or"
                                + " SASL_SSL");
    }

    @Test
    void a_store_must_be_a_readable_file_with_the_password_its_type_needs() throws IOException {
        Path keystore = Files.write(dir.resolve("client.p12"), new byte[] {1});
        Path pem = Files.writeString(dir.resolve("ca.crt"), "x");
        Env env =
                new Env(
                        Map.of(
                                "KAFKA_SECURITY_PROTOCOL", "SSL",
                                "KAFKA_SSL_TRUSTSTORE_LOCATION", pem.toString(),
                                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "p",
                                "KAFKA_SSL_KEYSTORE_LOCATION", keystore.toString(),
                                "KAFKA_SSL_KEYSTORE_TYPE", "pkcs11"));
        Env missing =
                new Env(
                        Map.of(
                                "KAFKA_SECURITY_PROTOCOL",
                                "SSL",
                                "KAFKA_SSL_TRUSTSTORE_LOCATION",
                                dir.resolve("nope.jks").toString()));

        KafkaSecurity.from(env);
        KafkaSecurity.from(missing);

        assertThatThrownBy(env::requireValid)
                .hasMessage(
                        "invalid configuration: KAFKA_SSL_TRUSTSTORE_PASSWORD is set, but a PEM file"
                                + " has no store password (an encrypted PEM key takes"
                                + " KAFKA_SSL_KEY_PASSWORD); KAFKA_SSL_KEYSTORE_TYPE 'pkcs11' is not"
                                + " JKS, PKCS12 or PEM");
        assertThatThrownBy(missing::requireValid)
                .hasMessage(
                        "invalid configuration: KAFKA_SSL_TRUSTSTORE_LOCATION '"
                                + dir.resolve("nope.jks")
                                + "' is not a readable file; KAFKA_SSL_TRUSTSTORE_PASSWORD is not"
                                + " set, and a JKS store needs one");
    }
}
