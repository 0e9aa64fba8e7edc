package io.useranalytics.ingest;

import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.useranalytics.common.health.ReadinessCheck;
import io.useranalytics.common.http.BodyLimit;
import io.useranalytics.common.http.HttpService;
import io.useranalytics.common.kafka.KafkaReadiness;
import io.useranalytics.common.kafka.ProducerSettings;
import io.useranalytics.common.kafka.TopicSetup;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The composition root of ingest-api: builds its collaborators and registers its routes. */
public final class IngestApp implements HttpService {
    private final IngestConfig config;
    private final EventPublisher publisher;
    private final KafkaClientMetrics producerMetrics;
    private final KafkaReadiness kafka;

    private IngestApp(
            IngestConfig config,
            EventPublisher publisher,
            KafkaClientMetrics producerMetrics,
            KafkaReadiness kafka) {
        this.config = config;
        this.publisher = publisher;
        this.producerMetrics = producerMetrics;
        this.kafka = kafka;
    }

    /** Connects to Kafka, creating the topic if it is missing; meters go to {@code registry}. */
    public static IngestApp connect(IngestConfig config, MeterRegistry registry) {
        TopicSetup.ensure(
                config.kafka().connection(),
                Map.of(config.kafka().topic(), config.kafka().topicPartitions()),
                config.kafka().replicationFactor());
        var producer =
                new KafkaProducer<byte[], byte[]>(
                        ProducerSettings.durable(
                                config.kafka().connection(), "ingest-api", config.ackTimeout()));
        var producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        InFlightLimit inFlight = new InFlightLimit(config.limits().maxInFlightEvents());
        registry.gauge("ingest.events.in.flight", inFlight, InFlightLimit::inFlight);
        var publisher =
                new EventPublisher(
                        producer, config.kafka().topic(), config.ackTimeout(), inFlight, registry);
        return new IngestApp(
                config,
                publisher,
                producerMetrics,
                new KafkaReadiness(config.kafka().connection(), "ingest-api"));
    }

    /** Adds this service's routes to a server that may host other services too. */
    @Override
    public void addRoutes(RoutesConfig routes) {
        var limits = config.limits();
        var rules = new EventRules(config.timestamps().acceptedRange(), limits.maxUserLength());
        var keys = config.apiKeys();
        routes.post(
                "/analytics",
                keys.protect(new PostEventHandler(new EventQueryParser(rules), publisher)));
        routes.post(
                "/analytics/batch",
                keys.protect(
                        new PostBatchHandler(
                                new BatchBody(limits.maxBodyBytes()),
                                rules,
                                publisher,
                                limits.maxBatchEvents())));
    }

    @Override
    public BodyLimit bodyLimit() {
        return new BodyLimit(config.limits().maxBodyBytes(), "INGEST_MAX_BODY_BYTES");
    }

    @Override
    public List<ReadinessCheck> readinessChecks() {
        return List.of(kafka.check());
    }

    @Override
    public List<String> openApiResources() {
        return List.of("openapi/ingest-api.json");
    }

    /** Flushes the producer: every event that got a 2xx is in Kafka once this returns. */
    @Override
    public void close() {
        kafka.close();
        producerMetrics.close();
        publisher.close();
    }
}
