package io.useranalytics.writer;

import io.micrometer.core.instrument.Counter;
import io.useranalytics.record.DeadLetterHeaders;
import io.useranalytics.store.offsets.OffsetRange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends rejected records to the dead-letter topic with their original key, value and headers, and
 * headers saying why and where they came from ({@link DeadLetterHeaders}). {@link #send} returns
 * once Kafka acknowledged them all, so the offsets that pass them are committed only after they are
 * safe. A batch whose write fails after its dead letters were sent is sent again with them: each
 * record is sent and counted once, until the offsets past it are stored. Used by the store thread.
 */
final class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration ackTimeout;
    private final Counter deadLettered;

    /** Records acknowledged by the topic whose offsets are not stored yet. */
    private final Set<Decoded.Position> sent = new HashSet<>();

    DeadLetters(
            Producer<byte[], byte[]> producer,
            String topic,
            Duration ackTimeout,
            Counter deadLettered) {
        this.producer = Objects.requireNonNull(producer, "producer == null");
        this.topic = Objects.requireNonNull(topic, "topic == null");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout == null");
        this.deadLettered = Objects.requireNonNull(deadLettered, "deadLettered == null");
    }

    void send(List<Decoded.Rejected> rejects) throws BatchWriteException {
        List<Decoded.Rejected> unsent =
                rejects.stream().filter(reject -> !sent.contains(reject.position())).toList();
        if (unsent.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(unsent.size());
        try {
            for (Decoded.Rejected rejected : unsent) {
                acks.add(producer.send(deadLetter(rejected)));
            }
        } catch (KafkaException e) {
            throw failed(unsent, e);
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        Exception failure = null;
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged(unsent.get(i));
            } catch (ExecutionException | TimeoutException e) {
                failure = failure == null ? e : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatchWriteException("interrupted while dead-lettering", e);
            }
        }
        if (failure != null) {
            throw failed(unsent, failure);
        }
    }

    private BatchWriteException failed(List<Decoded.Rejected> unsent, Exception cause) {
        return new BatchWriteException(
                "dead-lettering " + unsent.size() + " records to " + topic + " failed", cause);
    }

    /** The offsets up to {@code stored} are committed: their records are never sent again. */
    void stored(Map<TopicPartition, OffsetRange> stored) {
        if (!sent.isEmpty()) {
            sent.removeIf(
                    position -> {
                        OffsetRange range = stored.get(position.partition());
                        return range != null && position.offset() < range.next();
                    });
        }
    }

    private void acknowledged(Decoded.Rejected rejected) {
        sent.add(rejected.position());
        deadLettered.increment();
        log.error(
                "dead-lettered {}-{}@{} to {}: {}",
                rejected.source().topic(),
                rejected.source().partition(),
                rejected.source().offset(),
                topic,
                rejected.reason());
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
