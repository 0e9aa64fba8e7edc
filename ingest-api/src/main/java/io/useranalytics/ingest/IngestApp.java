package io.useranalytics.ingest;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.useranalytics.common.http.Health;
import io.useranalytics.common.http.ProblemResponses;
import io.useranalytics.common.kafka.ProducerSettings;
import io.useranalytics.common.kafka.TopicSetup;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The composition root of ingest-api: builds its collaborators and registers its routes. */
public final class IngestApp implements AutoCloseable {
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

    /** This service alone, with its problem responses; not started. */
    public Javalin server() {
        return Javalin.create(
                javalin -> {
                    configure(javalin);
                    Health.install(javalin.routes);
                    ProblemResponses.install(javalin.routes);
                });
    }

    /** Adds this service's settings and routes to a server that may host other services too. */
    public void configure(JavalinConfig javalin) {
        var postEvent =
                new PostEventHandler(
                        new EventQueryParser(config.timestamps().acceptedRange()), publisher);
        javalin.startup.showJavalinBanner = false;
        javalin.http.prefer405over404 = true;
        javalin.routes.post("/analytics", postEvent);
    }

    /** Flushes the producer: every event that got a 204 is in Kafka once this returns. */
    @Override
    public void close() {
        publisher.close();
    }
}
