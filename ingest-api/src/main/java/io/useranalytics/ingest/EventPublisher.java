package io.useranalytics.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.common.http.ServiceUnavailableException;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes events to the topic, keyed by user id. The returned future completes once Kafka has
 * acknowledged the record, or fails with a {@link ServiceUnavailableException} if it has not within
 * the ack timeout; no thread waits meanwhile. Each event holds a place in the {@link InFlightLimit}
 * until Kafka answers.
 */
final class EventPublisher implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration ackTimeout;
    private final InFlightLimit inFlight;
    private final EventJson json = new EventJson();
    private final Counter published;
    private final Counter failed;
    private final ExecutorService answers =
            Executors.newFixedThreadPool(
                    Math.max(2, Runtime.getRuntime().availableProcessors()),
                    new ThreadFactory() {
                        private final AtomicInteger created = new AtomicInteger();

                        @Override
                        public Thread newThread(Runnable task) {
                            Thread thread =
                                    new Thread(task, "ingest-answer-" + created.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        }
                    });

    EventPublisher(
            Producer<byte[], byte[]> producer,
            String topic,
            Duration ackTimeout,
            InFlightLimit inFlight,
            MeterRegistry registry) {
        this.producer = Objects.requireNonNull(producer, "producer == null");
        this.topic = Objects.requireNonNull(topic, "topic == null");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout == null");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight == null");
        this.published =
                Counter.builder("ingest.events.published")
                        .description("events Kafka acknowledged")
                        .register(registry);
        this.failed =
                Counter.builder("ingest.events.failed")
                        .description("events Kafka refused or did not acknowledge in time")
                        .register(registry);
    }

    /** Publishes one event; a full in-flight limit fails at once with a 503. */
    CompletableFuture<Void> publish(Event event) {
        inFlight.acquire();
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        send(
                event,
                error -> {
                    inFlight.release(1);
                    handOff(
                            () -> {
                                if (error.isEmpty()) {
                                    acknowledged.complete(null);
                                } else {
                                    acknowledged.completeExceptionally(unavailable(error.get()));
                                }
                            });
                });
        return withinAckTimeout(acknowledged);
    }

    /**
     * Runs what completes a request's future (and so writes its answer) on a thread of our own:
     * Kafka's callbacks come on the producer's one network thread, which must go on sending.
     */
    private void handOff(Runnable completion) {
        try {
            answers.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run(); // closing: answer inline
        }
    }

    /**
     * Starts a batch: its events take places in the in-flight limit as they are added; the batch as
     * a whole waits at most the ack timeout (one timer, not one per event).
     */
    PendingBatch startBatch() {
        return new PendingBatch(inFlight, this::send, ackTimeout);
    }

    /** Fails {@code acknowledged} with a 503 if Kafka has not answered within the ack timeout. */
    private CompletableFuture<Void> withinAckTimeout(CompletableFuture<Void> acknowledged) {
        return acknowledged
                .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(
                        error ->
                                CompletableFuture.failedFuture(
                                        error instanceof TimeoutException
                                                ? unavailable(error)
                                                : error));
    }

    /**
     * Sends an event that already holds a place in the limit; {@code answered} hears Kafka's answer
     * (no error, or why Kafka did not take it) on Kafka's network thread; freeing the place is up
     * to {@code answered}.
     */
    private void send(Event event, Consumer<Optional<Exception>> answered) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic, event.user().getBytes(StandardCharsets.UTF_8), json.encode(event));
        try {
            // send() itself may block up to max.block.ms (the ack timeout) while the broker is
            // away.
            producer.send(
                    record,
                    (metadata, error) -> {
                        (error == null ? published : failed).increment();
                        answered.accept(Optional.ofNullable(error));
                    });
        } catch (KafkaException e) {
            failed.increment();
            answered.accept(Optional.of(e));
        }
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
        answers.shutdown();
    }
}
