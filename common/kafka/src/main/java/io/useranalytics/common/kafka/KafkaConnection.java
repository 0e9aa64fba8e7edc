package io.useranalytics.common.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where the brokers are and how to reach them securely: every Kafka client a service creates starts
 * from {@link #settings(String)}, so none of them can be the one that forgot the TLS or SASL
 * settings.
 */
public record KafkaConnection(String bootstrapServers, KafkaSecurity security) {
    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers == null");
        Objects.requireNonNull(security, "security == null");
    }

    /** A broker without TLS or SASL, as the embedded broker and the bench use. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, KafkaSecurity.plaintext());
    }

    /** A new, modifiable map with the brokers, the client id and the security settings. */
    public Map<String, Object> settings(String clientId) {
        Map<String, Object> settings = new HashMap<>(security.clientSettings());
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return settings;
    }

    /** For messages: the brokers and the protocol, never a password. */
    public String describe() {
        return bootstrapServers + " (" + security.protocol().name + ")";
    }
}
