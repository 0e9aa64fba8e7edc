package io.useranalytics.ingest;

import io.useranalytics.common.event.Event;
import io.useranalytics.common.event.EventJson;
import io.useranalytics.common.http.ServiceUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes events to the topic, keyed by user id. The returned future completes once Kafka has
 * acknowledged the record, or fails with a {@link ServiceUnavailableException} if it has not within
 * the ack timeout; no thread waits meanwhile.
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

    CompletableFuture<Void> publish(Event event) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic, event.user().getBytes(StandardCharsets.UTF_8), json.encode(event));
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            // send() itself may block up to max.block.ms (the ack timeout) while the broker is
            // away.
            producer.send(
                    record,
                    (metadata, error) -> {
                        if (error == null) {
                            acknowledged.complete(null);
                        } else {
                            acknowledged.completeExceptionally(unavailable(error));
                        }
                    });
        } catch (KafkaException e) {
            acknowledged.completeExceptionally(unavailable(e));
        }
        return acknowledged
                .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(
                        error ->
                                CompletableFuture.failedFuture(
                                        error instanceof TimeoutException
                                                ? unavailable(error)
                                                : error));
    }

    private ServiceUnavailableException unavailable(Throwable cause) {
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
