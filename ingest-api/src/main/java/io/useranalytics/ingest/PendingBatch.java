package io.useranalytics.ingest;

import io.useranalytics.record.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The valid events of a batch request, held until the whole body has been read so that a body that
 * breaks a limit publishes nothing. Each event takes its place in the {@link InFlightLimit} when
 * added; the places are given back together once Kafka has answered for every event (one release
 * per batch, not one per event), or when an unpublished batch is closed. Used by one request
 * thread.
 */
final class PendingBatch implements AutoCloseable {
    private final InFlightLimit inFlight;
    private final BiConsumer<Event, Consumer<Optional<Exception>>> send;
    private final Duration ackTimeout;
    private final List<Event> events = new ArrayList<>();
    private boolean published;

    /**
     * {@code send} publishes an event holding its place and tells its answer to the consumer; it
     * does not free the place.
     */
    PendingBatch(
            InFlightLimit inFlight,
            BiConsumer<Event, Consumer<Optional<Exception>>> send,
            Duration ackTimeout) {
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight == null");
        this.send = Objects.requireNonNull(send, "send == null");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout == null");
    }

    /** Holds an event; a full in-flight limit throws the 503. */
    void add(Event event) {
        inFlight.acquire();
        events.add(event);
    }

    int size() {
        return events.size();
    }

    /**
     * Sends every event; completes with how many Kafka acknowledged, once all have an answer or the
     * ack timeout has passed. One future and one counter for the batch, not one per event.
     */
    CompletableFuture<Integer> publish() {
        published = true;
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger(events.size());
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (events.isEmpty()) {
            done.complete(0);
        }
        for (Event event : events) {
            send.accept(
                    event,
                    error -> {
                        if (error.isEmpty()) {
                            acknowledged.incrementAndGet();
                        }
                        if (unanswered.decrementAndGet() == 0) {
                            inFlight.release(events.size());
                            done.complete(acknowledged.get());
                        }
                    });
        }
        return done.completeOnTimeout(-1, ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(count -> count < 0 ? acknowledged.get() : count);
    }

    @Override
    public void close() {
        if (!published) {
            inFlight.release(events.size());
            events.clear();
        }
    }
}
