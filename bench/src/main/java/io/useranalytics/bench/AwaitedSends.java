package io.useranalytics.bench;

import io.useranalytics.common.kafka.KafkaConnection;
import io.useranalytics.common.kafka.ProducerSettings;
import io.useranalytics.common.kafka.TopicSetup;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.EventKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka alone at HTTP ingest's concurrency: as many threads as the load client has connections,
 * each sending one record with the services' producer settings and waiting for its acknowledgement
 * before the next, through one producer in the bench JVM. What the broker allows
 * one-event-per-request ingest before any HTTP is involved.
 */
final class AwaitedSends {
    private static final String TOPIC = "bench.single.kafka";

    /** Sends per second and the bench JVM's CPU (producer, broker, senders) per send. */
    record Rate(double perSecond, double cpuMillisPerThousand) {}

    private final String bootstrapServers;
    private final int senders;
    private final EventJson json = new EventJson();

    AwaitedSends(String bootstrapServers, int senders) {
        this.bootstrapServers = bootstrapServers;
        this.senders = senders;
    }

    Rate run(Duration warmup, Duration measure) throws Exception {
        TopicSetup.ensure(bootstrapServers, Map.of(TOPIC, 6));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        ProducerSettings.durable(
                                KafkaConnection.plaintext(bootstrapServers),
                                "bench-awaited",
                                Duration.ofSeconds(30)))) {
            primePartitions(producer);
            sendFor(producer, warmup);
            double cpu = BenchEnvironment.ownCpuSeconds();
            long started = System.nanoTime();
            long sent = sendFor(producer, measure);
            double seconds = (System.nanoTime() - started) / 1e9;
            cpu = BenchEnvironment.ownCpuSeconds() - cpu;
            return new Rate(sent / seconds, cpu * 1e6 / sent);
        }
    }

    /**
     * One awaited record per partition of the new topic before the concurrent load: a produce
     * request that reaches a partition before the broker has made it leader fails and is retried,
     * and if later requests of the idempotent producer got in first, the retried one is refused as
     * out of order until it times out (KAFKA-15591). Alone in flight, its retry simply succeeds.
     */
    private void primePartitions(KafkaProducer<byte[], byte[]> producer) throws Exception {
        for (var partition : producer.partitionsFor(TOPIC)) {
            producer.send(
                            new ProducerRecord<>(
                                    TOPIC,
                                    partition.partition(),
                                    new byte[0],
                                    json.encode(
                                            new Event(Instant.now(), "prime", EventKind.CLICK))))
                    .get();
        }
    }

    /**
     * Every sender sends and awaits until {@code duration} has passed; returns how many were sent.
     */
    private long sendFor(KafkaProducer<byte[], byte[]> producer, Duration duration)
            throws Exception {
        AtomicLong sent = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                workers.add(
                        pool.submit(
                                () -> {
                                    while (System.nanoTime() < deadline) {
                                        Event event =
                                                new Event(
                                                        Instant.now(),
                                                        "b" + sent.incrementAndGet(),
                                                        EventKind.CLICK);
                                        producer.send(
                                                        new ProducerRecord<>(
                                                                TOPIC,
                                                                event.user()
                                                                        .getBytes(
                                                                                StandardCharsets
                                                                                        .UTF_8),
                                                                json.encode(event)))
                                                .get();
                                    }
                                    return null;
                                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return sent.get();
    }
}
