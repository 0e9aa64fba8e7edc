package io.useranalytics.ingest;

import io.useranalytics.common.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The valid events of a batch request, held until the whole body has been read so that a body that
 * breaks a limit publishes nothing. Each event takes its place in the {@link InFlightLimit} when
 * added; closing an unpublished batch gives the places back. Used by one request thread.
 */
final class PendingBatch implements AutoCloseable {
    private final InFlightLimit inFlight;
    private final Function<Event, CompletableFuture<Void>> send;
    private final List<Event> events = new ArrayList<>();
    private boolean published;

    PendingBatch(InFlightLimit inFlight, Function<Event, CompletableFuture<Void>> send) {
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight == null");
        this.send = Objects.requireNonNull(send, "send == null");
    }

    /** Holds an event; a full in-flight limit throws the 503. */
    void add(Event event) {
        inFlight.acquire();
        events.add(event);
    }

    int size() {
        return events.size();
    }

    /** Sends every event; completes with how many Kafka acknowledged once all have an answer. */
    CompletableFuture<Integer> publish() {
        published = true;
        AtomicInteger acknowledged = new AtomicInteger();
        CompletableFuture<?>[] answers = new CompletableFuture<?>[events.size()];
        for (int i = 0; i < answers.length; i++) {
            answers[i] =
                    send.apply(events.get(i))
                            .handle(
                                    (ok, error) ->
                                            error == null ? acknowledged.incrementAndGet() : 0);
        }
        return CompletableFuture.allOf(answers).thenApply(done -> acknowledged.get());
    }

    @Override
    public void close() {
        if (!published) {
            inFlight.release(events.size());
            events.clear();
        }
    }
}
