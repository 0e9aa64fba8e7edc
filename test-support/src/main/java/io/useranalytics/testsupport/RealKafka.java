package io.useranalytics.testsupport;

import io.useranalytics.embedded.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker (in-process KRaft on 127.0.0.1) for one test class: register it as a static
 * field with {@code @RegisterExtension}. It can be stopped and restarted for outage tests.
 */
public final class RealKafka implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> brokerSettings;
    private EmbeddedKafkaBroker broker;

    public RealKafka() {
        this(Map.of());
    }

    /** A broker whose settings {@code brokerSettings} override the embedded broker's. */
    public RealKafka(Map<String, String> brokerSettings) {
        this.brokerSettings = Map.copyOf(brokerSettings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedKafkaBroker.temporary(brokerSettings).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        broker.close();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public void stop() {
        broker.stop();
    }

    public void start() {
        broker.start();
    }

    public KafkaProducer<byte[], byte[]> producer() {
        return new KafkaTestClients(bootstrapServers()).producer();
    }

    /** Reads {@code topic} from the beginning until {@code count} records arrived or time is up. */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
        return new KafkaTestClients(bootstrapServers()).consume(topic, count, timeout);
    }
}
