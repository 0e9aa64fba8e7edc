package io.useranalytics.testsupport;

import io.useranalytics.embedded.EmbeddedKafkaBroker;
import io.useranalytics.embedded.SecureListener;
import io.useranalytics.harness.ServiceJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real broker for one test class whose client listener is secured: SASL_SSL with SCRAM users
 * ({@link #saslSsl()}) or TLS that requires a client certificate ({@link #mutualTls()}). Its key
 * and trust stores are generated for the run ({@link #tls()}); a plaintext listener stays for the
 * test's own administration.
 */
public final class SecureKafka implements BeforeAllCallback, AfterAllCallback {
    private final String protocol;
    private Path dir;
    private TlsFiles tls;
    private EmbeddedKafkaBroker broker;

    private SecureKafka(String protocol) {
        this.protocol = protocol;
    }

    public static SecureKafka saslSsl() {
        return new SecureKafka("SASL_SSL");
    }

    public static SecureKafka mutualTls() {
        return new SecureKafka("SSL");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("secure-kafka-");
        tls = TlsFiles.generate(dir);
        broker =
                EmbeddedKafkaBroker.temporary(
                                listenerSettings(),
                                new SecureListener(protocol, ServiceJar.freePort()))
                        .start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        broker.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /** The secured listener, the one services are given. */
    public String bootstrapServers() {
        return broker.secureBootstrapServers();
    }

    /** The plaintext listener, for the test's own producers and consumers. */
    public KafkaTestClients plaintextClients() {
        return new KafkaTestClients(broker.bootstrapServers());
    }

    public TlsFiles tls() {
        return tls;
    }

    /** Creates a SCRAM-SHA-256 and -512 user and returns once the broker knows it. */
    public void createScramUser(String user, String password) {
        Map<String, Object> settings =
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(settings)) {
            // One request per mechanism: Kafka refuses two changes of one user in one request.
            for (ScramMechanism mechanism :
                    List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
                admin.alterUserScramCredentials(
                                List.of(
                                        new UserScramCredentialUpsertion(
                                                user,
                                                new ScramCredentialInfo(mechanism, 4096),
                                                password)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            admin.describeUserScramCredentials(List.of(user)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create SCRAM user " + user, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Map<String, String> listenerSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("listener.name.secure.ssl.keystore.location", tls.brokerKeystore().toString());
        settings.put("listener.name.secure.ssl.keystore.type", "PKCS12");
        settings.put("listener.name.secure.ssl.keystore.password", tls.password());
        settings.put("listener.name.secure.ssl.key.password", tls.password());
        if (protocol.equals("SSL")) {
            settings.put("listener.name.secure.ssl.client.auth", "required");
            settings.put(
                    "listener.name.secure.ssl.truststore.location", tls.truststore().toString());
            settings.put("listener.name.secure.ssl.truststore.type", "PKCS12");
            settings.put("listener.name.secure.ssl.truststore.password", tls.password());
        } else {
            settings.put("sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512");
            for (String mechanism : List.of("scram-sha-256", "scram-sha-512")) {
                settings.put(
                        "listener.name.secure." + mechanism + ".sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            }
        }
        return settings;
    }
}
