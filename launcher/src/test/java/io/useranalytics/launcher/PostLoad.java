package io.useranalytics.launcher;

import io.useranalytics.testsupport.Http;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load of distinct events POSTed to ingest-api by a few threads, remembering each answer:
 * event {@code i} is user {@code prefix + (i % 97)} at {@code start + i ms}.
 */
final class PostLoad {
    private final String prefix;
    private final Instant start;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, List<String>> byStatus = new ConcurrentHashMap<>();
    private final List<Long> unavailableMillis = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    PostLoad(String prefix, Instant start) {
        this.prefix = prefix;
        this.start = start;
    }

    /** Runs {@code threads} senders until {@link #stop()} or {@code max} events were sent. */
    List<Thread> run(int port, int threads, int max) {
        List<Thread> senders = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread sender = new Thread(() -> send(new Http(port), max), "post-load-" + t);
            sender.start();
            senders.add(sender);
        }
        return senders;
    }

    void stop() {
        stopped = true;
    }

    private void send(Http http, int max) {
        for (int i = next.getAndIncrement(); i < max && !stopped; i = next.getAndIncrement()) {
            String user = prefix + (i % 97);
            long millis = start.toEpochMilli() + i;
            long began = System.nanoTime();
            int status;
            try {
                status =
                        http.post(
                                        "/analytics?timestamp="
                                                + millis
                                                + "&user="
                                                + user
                                                + "&event=click")
                                .statusCode();
            } catch (UncheckedIOException e) {
                status = -1; // no answer at all: the service is gone
            }
            if (status == 503) {
                unavailableMillis.add((System.nanoTime() - began) / 1_000_000);
            }
            byStatus.computeIfAbsent(status, s -> new CopyOnWriteArrayList<>())
                    .add(user + "@" + millis);
        }
    }

    /** Events answered with {@code status}, as {@code user@epochMillis}. */
    List<String> answered(int status) {
        return byStatus.getOrDefault(status, List.of());
    }

    /** Events sent, whatever their answer. */
    long sent() {
        return byStatus.values().stream().mapToLong(List::size).sum();
    }

    Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> counts = new ConcurrentHashMap<>();
        byStatus.forEach((status, events) -> counts.put(status, events.size()));
        return counts;
    }

    List<Long> unavailableMillis() {
        return unavailableMillis;
    }
}
