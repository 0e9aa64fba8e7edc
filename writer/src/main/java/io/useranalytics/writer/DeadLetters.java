package io.useranalytics.writer;

import io.useranalytics.record.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends rejected records to the dead-letter topic with their original key, value and headers, and
 * headers saying why and where they came from ({@link DeadLetterHeaders}). {@link #send} returns
 * once Kafka acknowledged them all, so the offsets that pass them are committed only after they are
 * safe.
 */
final class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration ackTimeout;

    DeadLetters(Producer<byte[], byte[]> producer, String topic, Duration ackTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer == null");
        this.topic = Objects.requireNonNull(topic, "topic == null");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout == null");
    }

    void send(List<Decoded.Rejected> rejects) throws BatchWriteException {
        if (rejects.isEmpty()) {
            return;
        }
        try {
            List<Future<RecordMetadata>> acks = new ArrayList<>(rejects.size());
            for (Decoded.Rejected rejected : rejects) {
                acks.add(producer.send(deadLetter(rejected)));
            }
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new BatchWriteException(
                    "dead-lettering " + rejects.size() + " records to " + topic + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchWriteException("interrupted while dead-lettering", e);
        }
        for (Decoded.Rejected rejected : rejects) {
            log.error(
                    "dead-lettered {}-{}@{} to {}: {}",
                    rejected.source().topic(),
                    rejected.source().partition(),
                    rejected.source().offset(),
                    topic,
                    rejected.reason());
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(Decoded.Rejected rejected) {
        ConsumerRecord<byte[], byte[]> source = rejected.source();
        Headers headers = new RecordHeaders(source.headers().toArray());
        headers.add(DeadLetterHeaders.REASON, utf8(rejected.reason()));
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(source.topic()));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        return new ProducerRecord<>(topic, null, source.key(), source.value(), headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
