package io.useranalytics.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A bounded, paced load of distinct click events produced straight to the topic. It remembers what
 * Kafka acknowledged, per user and per hour, so that the database can be checked against it. Event
 * i is user {@code prefix + (i % users)} at {@code start + i * step}: no two are alike.
 */
public final class EventLoad {
    private final String prefix;
    private final int users;
    private final Instant start;
    private final Duration step;
    private final Map<String, LongAdder> ackedPerUser = new ConcurrentHashMap<>();
    private final Map<Instant, LongAdder> ackedPerHour = new ConcurrentHashMap<>();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long sent;

    public EventLoad(String prefix, int users, Instant start, Duration step) {
        this.prefix = prefix;
        this.users = users;
        this.start = start;
        this.step = step;
    }

    /** Produces {@code count} events at about {@code perSecond}, then waits for every ack. */
    public void produce(
            KafkaProducer<byte[], byte[]> producer, String topic, int count, int perSecond)
            throws InterruptedException {
        long began = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = began + (long) i * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String user = prefix + (i % users);
            Instant at = start.plus(step.multipliedBy(i));
            String value =
                    "{\"timestamp\":"
                            + at.toEpochMilli()
                            + ",\"user\":\""
                            + user
                            + "\",\"event\":\"click\"}";
            producer.send(
                    new ProducerRecord<>(topic, bytes(user), bytes(value)),
                    (metadata, error) -> {
                        if (error == null) {
                            acked.incrementAndGet();
                            ackedPerUser.computeIfAbsent(user, u -> new LongAdder()).increment();
                            ackedPerHour
                                    .computeIfAbsent(
                                            at.truncatedTo(ChronoUnit.HOURS), h -> new LongAdder())
                                    .increment();
                        } else {
                            failed.incrementAndGet();
                        }
                    });
            sent = i + 1;
        }
        producer.flush();
    }

    /** {@link #produce} on another thread, with a producer of its own; the future ends with it. */
    public CompletableFuture<Void> produceInBackground(
            RealKafka kafka, String topic, int count, int perSecond) {
        return CompletableFuture.runAsync(
                () -> {
                    try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                        produce(producer, topic, count, perSecond);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    public long sent() {
        return sent;
    }

    public long acked() {
        return acked.get();
    }

    public long failed() {
        return failed.get();
    }

    public Map<String, Long> ackedPerUser() {
        Map<String, Long> copy = new ConcurrentHashMap<>();
        ackedPerUser.forEach((user, n) -> copy.put(user, n.sum()));
        return copy;
    }

    public Map<Instant, Long> ackedPerHour() {
        Map<Instant, Long> copy = new ConcurrentHashMap<>();
        ackedPerHour.forEach((hour, n) -> copy.put(hour, n.sum()));
        return copy;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
