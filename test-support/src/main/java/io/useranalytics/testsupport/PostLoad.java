package io.useranalytics.testsupport;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load of distinct events POSTed to ingest-api by a few threads, one event a request or a
 * batch a request, remembering each event's answer and when each 204 came: event {@code i} is user
 * {@code prefix + (i % 97)} at {@code start + i ms}.
 */
public final class PostLoad {
    private final String prefix;
    private final Instant start;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, List<String>> byStatus = new ConcurrentHashMap<>();
    private final List<Long> unavailableMillis = new CopyOnWriteArrayList<>();
    private final List<Long> acknowledgedAt = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    public PostLoad(String prefix, Instant start) {
        this.prefix = prefix;
        this.start = start;
    }

    /** Runs {@code threads} senders until {@link #stop()} or {@code max} events were sent. */
    public List<Thread> run(int port, int threads, int max) {
        return runBatches(port, threads, 1, max);
    }

    /**
     * Runs {@code threads} senders of {@code batchSize} events a request ({@code POST
     * /analytics/batch} when more than one) until {@link #stop()} or {@code max} events were sent.
     */
    public List<Thread> runBatches(int port, int threads, int batchSize, int max) {
        List<Thread> senders = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread sender =
                    new Thread(
                            () -> send(new Http(port), batchSize, max),
                            "post-load-" + batchSize + "-" + t);
            sender.start();
            senders.add(sender);
        }
        return senders;
    }

    public void stop() {
        stopped = true;
    }

    private void send(Http http, int batchSize, int max) {
        while (!stopped) {
            List<Integer> events = take(batchSize, max);
            if (events.isEmpty()) {
                return;
            }
            long began = System.nanoTime();
            int status;
            try {
                status = batchSize == 1 ? postOne(http, events.get(0)) : postBatch(http, events);
            } catch (UncheckedIOException e) {
                status = -1; // no answer at all: the service is gone
            }
            long answered = System.nanoTime();
            if (status == 503) {
                unavailableMillis.add((answered - began) / 1_000_000);
            }
            if (isAcknowledged(status)) {
                acknowledgedAt.add(answered);
            }
            List<String> keys = byStatus.computeIfAbsent(status, s -> new CopyOnWriteArrayList<>());
            events.forEach(i -> keys.add(user(i) + "@" + millis(i)));
        }
    }

    private List<Integer> take(int count, int max) {
        List<Integer> events = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            int i = next.getAndIncrement();
            if (i >= max) {
                break;
            }
            events.add(i);
        }
        return events;
    }

    private int postOne(Http http, int i) {
        return http.post("/analytics?timestamp=" + millis(i) + "&user=" + user(i) + "&event=click")
                .statusCode();
    }

    private int postBatch(Http http, List<Integer> events) {
        StringBuilder body = new StringBuilder();
        for (int i : events) {
            body.append("{\"timestamp\":")
                    .append(millis(i))
                    .append(",\"user\":\"")
                    .append(user(i))
                    .append("\",\"event\":\"click\"}\n");
        }
        return http.post(
                        "/analytics/batch",
                        body.toString().getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "application/x-ndjson"))
                .statusCode();
    }

    private String user(int i) {
        return prefix + (i % 97);
    }

    private long millis(int i) {
        return start.toEpochMilli() + i;
    }

    /** A single event is answered 204, a batch 200 with what it published. */
    private static boolean isAcknowledged(int status) {
        return status == 204 || status == 200;
    }

    /**
     * Events Kafka acknowledged (answered 204 or, in a batch, 200), as {@code user@epochMillis}.
     */
    public List<String> acknowledged() {
        List<String> events = new ArrayList<>(answered(204));
        events.addAll(answered(200));
        return events;
    }

    /** Events answered with {@code status}, as {@code user@epochMillis}. */
    public List<String> answered(int status) {
        return byStatus.getOrDefault(status, List.of());
    }

    /** Events sent, whatever their answer. */
    public long sent() {
        return byStatus.values().stream().mapToLong(List::size).sum();
    }

    public Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> counts = new ConcurrentHashMap<>();
        byStatus.forEach((status, events) -> counts.put(status, events.size()));
        return counts;
    }

    public List<Long> unavailableMillis() {
        return unavailableMillis;
    }

    /** Requests acknowledged after {@code nanoTime}. */
    public long acknowledgedSince(long nanoTime) {
        return acknowledgedAt.stream().filter(at -> at > nanoTime).count();
    }

    /**
     * The longest time after {@code nanoTime} and before {@code untilNanoTime} with no request
     * acknowledged, counted from {@code nanoTime}.
     */
    public Duration longestWithoutAck(long nanoTime, long untilNanoTime) {
        List<Long> times =
                acknowledgedAt.stream()
                        .filter(at -> at > nanoTime && at < untilNanoTime)
                        .sorted()
                        .toList();
        long previous = nanoTime;
        long longest = 0;
        for (long at : times) {
            longest = Math.max(longest, at - previous);
            previous = at;
        }
        return Duration.ofNanos(Math.max(longest, untilNanoTime - previous));
    }
}
