package io.useranalytics.ingest;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.useranalytics.common.http.HttpService;
import io.useranalytics.common.http.ServiceServer;
import io.useranalytics.common.kafka.ProducerSettings;
import io.useranalytics.common.kafka.TopicSetup;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The composition root of ingest-api: builds its collaborators and registers its routes. */
public final class IngestApp implements HttpService {
    private final IngestConfig config;
    private final EventPublisher publisher;

    private IngestApp(IngestConfig config, EventPublisher publisher) {
        this.config = config;
        this.publisher = publisher;
    }

    /** Connects to Kafka, creating the topic if it is missing. */
    public static IngestApp connect(IngestConfig config) {
        TopicSetup.ensure(
                config.kafka().bootstrapServers(),
                Map.of(config.kafka().topic(), config.kafka().topicPartitions()));
        var producer =
                new KafkaProducer<byte[], byte[]>(
                        ProducerSettings.durable(
                                config.kafka().bootstrapServers(),
                                "ingest-api",
                                config.ackTimeout()));
        return new IngestApp(
                config, new EventPublisher(producer, config.kafka().topic(), config.ackTimeout()));
    }

    /** This service alone, not started. */
    @Override
    public Javalin server(PrometheusMeterRegistry registry) {
        return ServiceServer.create(registry, List.of(this::addRoutes));
    }

    /** Adds this service's routes to a server that may host other services too. */
    public void addRoutes(RoutesConfig routes) {
        var parser = new EventQueryParser(config.timestamps().acceptedRange());
        routes.post("/analytics", new PostEventHandler(parser, publisher));
    }

    /** Flushes the producer: every event that got a 204 is in Kafka once this returns. */
    @Override
    public void close() {
        publisher.close();
    }
}
