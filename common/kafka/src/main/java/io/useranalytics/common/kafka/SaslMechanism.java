package io.useranalytics.common.kafka;

/** The SASL mechanisms the services log in to Kafka with, and the login module each needs. */
public enum SaslMechanism {
    PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
    SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private final String kafkaName;
    private final String loginModule;

    SaslMechanism(String kafkaName, String loginModule) {
        this.kafkaName = kafkaName;
        this.loginModule = loginModule;
    }

    /** As Kafka spells it in {@code sasl.mechanism}, e.g. {@code SCRAM-SHA-512}. */
    public String kafkaName() {
        return kafkaName;
    }

    /**
     * The {@code sasl.jaas.config} line for one user. JAAS reads values as quoted strings, so a
     * quote or backslash in them is escaped.
     */
    String jaasConfig(String username, String password) {
        return loginModule
                + " required username=\""
                + quoted(username)
                + "\" password=\""
                + quoted(password)
                + "\";";
    }

    static SaslMechanism fromKafkaName(String name) {
        for (SaslMechanism mechanism : values()) {
            if (mechanism.kafkaName.equals(name)) {
                return mechanism;
            }
        }
        throw new IllegalArgumentException("no SASL mechanism " + name);
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
