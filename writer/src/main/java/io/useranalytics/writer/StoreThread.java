package io.useranalytics.writer;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Stores one batch at a time on a thread of its own, so that the poll thread prepares the next
 * batch while the database takes this one: at most one write is in flight, and batches are stored
 * in the order they were started. The poll thread starts a write and collects its outcome; apart
 * from the thread it owns, used by the poll thread only.
 *
 * @param <T> what a write takes: a batch and whatever else storing it needs
 */
final class StoreThread<T> implements AutoCloseable {
    /** What storing a batch means; returns how many of its events were stored. */
    @FunctionalInterface
    interface Store<T> {
        int store(T batch) throws BatchWriteException;
    }

    private static final long CLOSE_WAIT_SECONDS = 30;

    private final Store<T> store;
    private final ExecutorService thread;
    private Optional<InFlight<T>> inFlight = Optional.empty();

    private record InFlight<T>(T batch, Future<Integer> stored) {}

    StoreThread(String name, Store<T> store) {
        this.store = store;
        this.thread = Executors.newSingleThreadExecutor(task -> new Thread(task, name));
    }

    /** Starts storing {@code batch}; the write before it must have been collected. */
    void start(T batch) {
        if (inFlight.isPresent()) {
            throw new IllegalStateException("a batch is being stored already");
        }
        inFlight = Optional.of(new InFlight<>(batch, thread.submit(() -> store.store(batch))));
    }

    /** True from {@link #start} until {@link #collect}. */
    boolean isBusy() {
        return inFlight.isPresent();
    }

    /** True if a write is in flight and has ended: {@link #collect} will not wait. */
    boolean hasEnded() {
        return inFlight.map(write -> write.stored().isDone()).orElse(false);
    }

    /** The batch in flight. */
    T batch() {
        return inFlight.orElseThrow(() -> new IllegalStateException("nothing in flight")).batch();
    }

    /**
     * Waits for the write in flight to end and forgets it: returns how many events it stored, or
     * throws what it threw. A write cannot be stopped half-way, so this waits even if interrupted
     * (and keeps the interrupt).
     */
    int collect() throws BatchWriteException {
        Future<Integer> stored =
                inFlight.orElseThrow(() -> new IllegalStateException("nothing in flight")).stored();
        inFlight = Optional.empty();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return stored.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static BatchWriteException rethrown(Throwable cause) {
        if (cause instanceof BatchWriteException failure) {
            return failure;
        }
        if (cause instanceof RuntimeException unexpected) {
            throw unexpected;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("storing a batch failed", cause);
    }

    /** Lets a write in flight end, then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
