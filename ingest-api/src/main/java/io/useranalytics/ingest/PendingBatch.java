package io.useranalytics.ingest;

import io.useranalytics.record.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The valid events of a batch request, encoded as records and held until the whole body has been
 * read, so that a body with a bad line or over a limit publishes nothing. Each event takes its
 * place in the {@link InFlightLimit} when added; the places are given back together once Kafka has
 * answered for every record (one release per batch, not one per event), or when an unpublished
 * batch is closed. Used by one request thread.
 */
final class PendingBatch implements AutoCloseable {
    private final InFlightLimit inFlight;
    private final Function<Event, ProducerRecord<byte[], byte[]>> encode;
    private final BiConsumer<ProducerRecord<byte[], byte[]>, EventPublisher.Answer> send;
    private final Duration ackTimeout;
    private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    private boolean published;

    /**
     * {@code send} hands a record holding its place to Kafka, never throws, and tells its answer
     * exactly once; it does not free the place.
     */
    PendingBatch(
            InFlightLimit inFlight,
            Function<Event, ProducerRecord<byte[], byte[]>> encode,
            BiConsumer<ProducerRecord<byte[], byte[]>, EventPublisher.Answer> send,
            Duration ackTimeout) {
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight == null");
        this.encode = Objects.requireNonNull(encode, "encode == null");
        this.send = Objects.requireNonNull(send, "send == null");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout == null");
    }

    /** Encodes and holds an event; a full in-flight limit throws the 503. */
    void add(Event event) {
        ProducerRecord<byte[], byte[]> record = encode.apply(event);
        inFlight.acquire();
        records.add(record);
    }

    int size() {
        return records.size();
    }

    /**
     * Sends every record; completes with what Kafka said of them once all have an answer or the ack
     * timeout has passed (those still unanswered then count as unknown). One future and one set of
     * counters for the batch, not one per event.
     */
    CompletableFuture<BatchDelivery> publish() {
        if (published) {
            throw new IllegalStateException("a batch is published once");
        }
        published = true;
        int total = records.size();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger(total);
        CompletableFuture<BatchDelivery> done = new CompletableFuture<>();
        if (total == 0) {
            done.complete(new BatchDelivery(0, 0, 0));
        }
        for (ProducerRecord<byte[], byte[]> record : records) {
            send.accept(
                    record,
                    (delivery, error) -> {
                        if (delivery == Delivery.ACKNOWLEDGED) {
                            acknowledged.incrementAndGet();
                        } else if (delivery == Delivery.REFUSED) {
                            refused.incrementAndGet();
                        }
                        if (unanswered.decrementAndGet() == 0) {
                            inFlight.release(total);
                            done.complete(
                                    BatchDelivery.of(total, acknowledged.get(), refused.get()));
                        }
                    });
        }
        records.clear();
        return done.completeOnTimeout(null, ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(
                        delivery ->
                                delivery != null
                                        ? delivery
                                        : BatchDelivery.of(
                                                total, acknowledged.get(), refused.get()));
    }

    /** Gives back the places of a batch that was never published. */
    @Override
    public void close() {
        if (!published) {
            inFlight.release(records.size());
            records.clear();
        }
    }

    /** What Kafka said of a batch's records: the rest of {@code total} may have been stored. */
    record BatchDelivery(int acknowledged, int refused, int unknown) {
        static BatchDelivery of(int total, int acknowledged, int refused) {
            return new BatchDelivery(acknowledged, refused, total - acknowledged - refused);
        }

        boolean isComplete() {
            return refused == 0 && unknown == 0;
        }
    }
}
