package io.useranalytics.ingest;

import io.useranalytics.common.event.Event;
import io.useranalytics.common.event.EventJson;
import io.useranalytics.common.http.ServiceUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes events to the topic, keyed by user id, and returns only once Kafka has acknowledged the
 * record; if it has not within the ack timeout, the caller gets a {@link
 * ServiceUnavailableException} and must not report success.
 */
final class EventPublisher implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration ackTimeout;
    private final EventJson json = new EventJson();

    EventPublisher(Producer<byte[], byte[]> producer, String topic, Duration ackTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer == null");
        this.topic = Objects.requireNonNull(topic, "topic == null");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout == null");
    }

    void publish(Event event) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic, event.user().getBytes(StandardCharsets.UTF_8), json.encode(event));
        // One deadline for both waits: metadata (send blocks while the broker is away) and the ack.
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try {
            Future<RecordMetadata> ack = producer.send(record);
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | KafkaException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private ServiceUnavailableException unavailable(Exception cause) {
        return new ServiceUnavailableException(
                "Kafka did not acknowledge the event within "
                        + ackTimeout.toMillis()
                        + " ms; it was not accepted, retry later",
                Duration.ofSeconds(1),
                cause);
    }

    /** Sends what is buffered and waits for it, so that every acknowledged event is in Kafka. */
    @Override
    public void close() {
        producer.flush();
        producer.close(ackTimeout);
    }
}
