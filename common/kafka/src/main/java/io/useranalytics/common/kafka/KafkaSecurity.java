package io.useranalytics.common.kafka;

import io.useranalytics.common.config.Env;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * How every Kafka client of a service authenticates and encrypts: KAFKA_SECURITY_PROTOCOL, SASL
 * (KAFKA_SASL_MECHANISM, _USERNAME, _PASSWORD), the trust store (KAFKA_SSL_TRUSTSTORE_*), a key
 * store for mutual TLS (KAFKA_SSL_KEYSTORE_*, KAFKA_SSL_KEY_PASSWORD) and
 * KAFKA_SSL_VERIFY_HOSTNAME. A setting the protocol does not use is an error, not ignored.
 */
public record KafkaSecurity(
        SecurityProtocol protocol,
        Optional<SaslLogin> sasl,
        Optional<StoreFile> truststore,
        Optional<StoreFile> keystore,
        String keyPassword,
        boolean verifyHostname) {
    private static final Pattern PROTOCOL =
            Pattern.compile("PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL");
    private static final Pattern MECHANISM = Pattern.compile("PLAIN|SCRAM-SHA-256|SCRAM-SHA-512");
    private static final List<String> SASL_VARIABLES =
            List.of("KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD");

    /** A SASL user; its {@code toString} never shows the password. */
    public record SaslLogin(SaslMechanism mechanism, String username, String password) {
        public SaslLogin {
            Objects.requireNonNull(mechanism, "mechanism == null");
            Objects.requireNonNull(username, "username == null");
            Objects.requireNonNull(password, "password == null");
        }

        @Override
        public String toString() {
            return mechanism.kafkaName() + " user " + username + " password ****";
        }
    }

    public KafkaSecurity {
        Objects.requireNonNull(protocol, "protocol == null");
        Objects.requireNonNull(sasl, "sasl == null");
        Objects.requireNonNull(truststore, "truststore == null");
        Objects.requireNonNull(keystore, "keystore == null");
        Objects.requireNonNull(keyPassword, "keyPassword == null");
    }

    public static KafkaSecurity plaintext() {
        return new KafkaSecurity(
                SecurityProtocol.PLAINTEXT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "",
                true);
    }

    public static KafkaSecurity from(Env env) {
        SecurityProtocol protocol =
                SecurityProtocol.forName(
                        env.matching(
                                "KAFKA_SECURITY_PROTOCOL",
                                "PLAINTEXT",
                                PROTOCOL,
                                "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"));
        boolean usesSasl = protocol.name().startsWith("SASL_");
        boolean usesTls = protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
        Optional<SaslLogin> sasl = usesSasl ? Optional.of(saslLogin(env)) : Optional.empty();
        if (!usesSasl) {
            rejectSet(env, SASL_VARIABLES, protocol, "SASL_SSL or SASL_PLAINTEXT");
        }
        Optional<StoreFile> truststore = StoreFile.from(env, "KAFKA_SSL_TRUSTSTORE");
        Optional<StoreFile> keystore = StoreFile.from(env, "KAFKA_SSL_KEYSTORE");
        String keyPassword = env.string("KAFKA_SSL_KEY_PASSWORD", "");
        String verify =
                env.matching(
                        "KAFKA_SSL_VERIFY_HOSTNAME",
                        "true",
                        Pattern.compile("true|false"),
                        "true or false");
        if (!usesTls) {
            rejectSet(
                    env,
                    List.of(
                            "KAFKA_SSL_TRUSTSTORE_LOCATION",
                            "KAFKA_SSL_KEYSTORE_LOCATION",
                            "KAFKA_SSL_KEY_PASSWORD"),
                    protocol,
                    "SSL or SASL_SSL");
        } else if (!keyPassword.isEmpty() && keystore.isEmpty()) {
            env.reject("KAFKA_SSL_KEY_PASSWORD is set but KAFKA_SSL_KEYSTORE_LOCATION is not");
        }
        return new KafkaSecurity(
                protocol, sasl, truststore, keystore, keyPassword, Boolean.parseBoolean(verify));
    }

    /** The client properties that carry these settings, for producers, consumers and admins. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("security.protocol", protocol.name);
        sasl.ifPresent(
                login -> {
                    settings.put(SaslConfigs.SASL_MECHANISM, login.mechanism().kafkaName());
                    settings.put(
                            SaslConfigs.SASL_JAAS_CONFIG,
                            login.mechanism().jaasConfig(login.username(), login.password()));
                });
        truststore.ifPresent(store -> store.addTo(settings, "ssl.truststore"));
        keystore.ifPresent(store -> store.addTo(settings, "ssl.keystore"));
        if (!keyPassword.isEmpty()) {
            settings.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, keyPassword);
        }
        if (!verifyHostname) {
            settings.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
        }
        return settings;
    }

    /** For logs: what is used, never a password. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(protocol.name);
        sasl.ifPresent(login -> text.append(", SASL ").append(login));
        truststore.ifPresent(store -> text.append(", truststore ").append(store));
        keystore.ifPresent(store -> text.append(", keystore ").append(store));
        if (!keyPassword.isEmpty()) {
            text.append(", key password ****");
        }
        if (!verifyHostname) {
            text.append(", host name not verified");
        }
        return text.toString();
    }

    private static SaslLogin saslLogin(Env env) {
        String mechanism =
                env.matching(
                        "KAFKA_SASL_MECHANISM",
                        "SCRAM-SHA-512",
                        MECHANISM,
                        "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512");
        return new SaslLogin(
                SaslMechanism.fromKafkaName(mechanism),
                env.required("KAFKA_SASL_USERNAME"),
                env.required("KAFKA_SASL_PASSWORD"));
    }

    private static void rejectSet(
            Env env, List<String> names, SecurityProtocol protocol, String protocolsThatUseThem) {
        for (String name : names) {
            if (env.isSet(name)) {
                env.reject(
                        name
                                + " is set, but KAFKA_SECURITY_PROTOCOL "
                                + protocol.name
                                + " does not use it: set KAFKA_SECURITY_PROTOCOL to "
                                + protocolsThatUseThem);
            }
        }
    }
}
