package io.useranalytics.system.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import io.useranalytics.common.kafka.KafkaConfig;
import io.useranalytics.common.kafka.TopicSetup;
import io.useranalytics.system.ThreeServices;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.SecureKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The services against a broker whose client listener wants TLS with a client certificate, given as
 * PEM files: the trust store is the broker's certificate, the key store the client's key and
 * certificate.
 */
class KafkaMutualTlsIT {
    @RegisterExtension static final SecureKafka kafka = SecureKafka.mutualTls();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void the_seeds_requests_pass_end_to_end_with_a_client_certificate_in_pem() {
        try (ThreeServices services =
                ThreeServices.start(kafka.bootstrapServers(), postgres, tlsEnv(true))) {
            services.postTheSeedsEvents();
            services.awaitTheSeedsAnswer();
        }
    }

    @Test
    void without_a_client_certificate_the_broker_refuses_and_start_up_says_so() {
        Env env = new Env(tlsEnv(false));
        KafkaConfig config = KafkaConfig.from(env);
        env.requireValid();

        assertThatThrownBy(
                        () ->
                                TopicSetup.ensure(
                                        config.connection(),
                                        Map.of("never.created", 1),
                                        KafkaConfig.BROKER_DEFAULT,
                                        Duration.ofSeconds(20)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(
                        "invalid configuration: Kafka authentication failed at "
                                + kafka.bootstrapServers()
                                + " (SSL): ");
    }

    private static Map<String, String> tlsEnv(boolean withClientCertificate) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KAFKA_SECURITY_PROTOCOL", "SSL");
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", kafka.tls().brokerCertificatePem().toString());
        if (withClientCertificate) {
            env.put("KAFKA_SSL_KEYSTORE_LOCATION", kafka.tls().clientKeyPem().toString());
        }
        return env;
    }
}
