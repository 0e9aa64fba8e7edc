package io.useranalytics.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A trickle of new events into the queried hour, so GETs are measured while the writer loads. */
final class HourTrickle {
    private final String bootstrapServers;
    private final BenchSize size;

    HourTrickle(String bootstrapServers, BenchSize size) {
        this.bootstrapServers = bootstrapServers;
        this.size = size;
    }

    /**
     * Sends 200 click events spread over [from, to) every 100 ms while {@code loading} holds, for
     * at most four measuring periods; returns how many it sent.
     */
    long produce(Instant from, Instant to, AtomicBoolean loading) {
        Map<String, Object> settings =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Random random = new Random(23);
        long sent = 0;
        long span = to.toEpochMilli() - from.toEpochMilli();
        long deadline = System.nanoTime() + size.measure().multipliedBy(4).toNanos();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings)) {
            while (loading.get() && System.nanoTime() < deadline) {
                for (int i = 0; i < 200; i++) {
                    String user = "q" + random.nextInt(size.queryUsers());
                    long at = from.toEpochMilli() + (long) (random.nextDouble() * span);
                    String value =
                            "{\"timestamp\":"
                                    + at
                                    + ",\"user\":\""
                                    + user
                                    + "\",\"event\":\"click\"}";
                    producer.send(
                            new ProducerRecord<>(
                                    WriterScenario.TOPIC,
                                    user.getBytes(StandardCharsets.UTF_8),
                                    value.getBytes(StandardCharsets.UTF_8)));
                    sent++;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent;
    }
}
