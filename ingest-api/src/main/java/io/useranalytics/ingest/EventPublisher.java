package io.useranalytics.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.useranalytics.common.http.ServiceUnavailableException;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes events to the topic, keyed by user id. The returned future completes once Kafka has
 * acknowledged the record, or fails with a {@link ServiceUnavailableException} if it has not within
 * the ack timeout; no thread waits meanwhile. Each event holds a place in the {@link InFlightLimit}
 * until Kafka answers, whatever the answer. Every event is counted once, by what became of it:
 * published, failed (known not stored) or unknown (it may have been stored).
 */
final class EventPublisher implements AutoCloseable {
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration ackTimeout;
    private final InFlightLimit inFlight;
    private final EventJson json = new EventJson();
    private final Counter published;
    private final Counter failed;
    private final Counter unknown;
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
                        .description("events Kafka refused or never got: known not to be stored")
                        .register(registry);
        this.unknown =
                Counter.builder("ingest.events.unknown")
                        .description(
                                "events Kafka did not answer for in time: they may have been stored")
                        .register(registry);
    }

    /** Publishes one event; a full in-flight limit fails at once with a 503. */
    CompletableFuture<Void> publish(Event event) {
        ProducerRecord<byte[], byte[]> record = recordOf(event);
        inFlight.acquire();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        send(
                record,
                (delivery, error) -> {
                    inFlight.release(1);
                    handOff(
                            () -> {
                                if (delivery == Delivery.ACKNOWLEDGED) {
                                    answered.complete(null);
                                } else {
                                    answered.completeExceptionally(unavailable(delivery, error));
                                }
                            });
                });
        return answered.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(
                        error ->
                                CompletableFuture.failedFuture(
                                        error instanceof TimeoutException
                                                ? unavailable(Delivery.UNKNOWN, error)
                                                : error));
    }

    /**
     * Starts a batch: its events take places in the in-flight limit as they are added; the batch as
     * a whole waits at most the ack timeout (one timer, not one per event).
     */
    PendingBatch startBatch() {
        return new PendingBatch(inFlight, this::recordOf, this::send, ackTimeout);
    }

    /** The Kafka record of {@code event}: keyed by user, valued by the contract's JSON. */
    ProducerRecord<byte[], byte[]> recordOf(Event event) {
        return new ProducerRecord<>(
                topic, event.user().getBytes(StandardCharsets.UTF_8), json.encode(event));
    }

    /** Hears once what became of a record: never before the producer has let go of it. */
    interface Answer {
        void heard(Delivery delivery, Throwable error);
    }

    /**
     * Hands a record that already holds a place in the limit to Kafka; {@code answer} hears what
     * became of it exactly once (on Kafka's network thread, or on this one if the producer would
     * not take it); freeing the place is up to {@code answer}. Never throws.
     */
    private void send(ProducerRecord<byte[], byte[]> record, Answer answer) {
        try {
            // send() itself may block up to max.block.ms (the ack timeout) while the broker is
            // away.
            producer.send(
                    record,
                    (metadata, error) -> {
                        Delivery delivery =
                                error == null ? Delivery.ACKNOWLEDGED : Delivery.ofError(error);
                        count(delivery);
                        answer.heard(delivery, error);
                    });
        } catch (RuntimeException e) {
            count(Delivery.REFUSED);
            answer.heard(Delivery.REFUSED, e);
        }
    }

    private void count(Delivery delivery) {
        switch (delivery) {
            case ACKNOWLEDGED -> published.increment();
            case REFUSED -> failed.increment();
            case UNKNOWN -> unknown.increment();
        }
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

    private ServiceUnavailableException unavailable(Delivery delivery, Throwable cause) {
        String detail =
                delivery == Delivery.REFUSED
                        ? "Kafka did not take the event ("
                                + cause.getMessage()
                                + "); it was not stored, retry later"
                        : "Kafka did not acknowledge the event within "
                                + ackTimeout.toMillis()
                                + " ms; it may have been stored: retry with the same id to count"
                                + " it once";
        return new ServiceUnavailableException(detail, RETRY_AFTER, cause);
    }

    /** Sends what is buffered and waits for it, so that every acknowledged event is in Kafka. */
    @Override
    public void close() {
        producer.flush();
        producer.close(ackTimeout);
        answers.shutdown();
    }
}
