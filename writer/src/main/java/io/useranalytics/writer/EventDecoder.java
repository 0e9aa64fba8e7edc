package io.useranalytics.writer;

import io.useranalytics.record.AcceptedRange;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.InvalidInputException;
import io.useranalytics.writer.retention.RetentionConfig;
import io.useranalytics.writer.retention.RetentionCutoffs;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns a Kafka record into a {@link Decoded}; bad input is a Rejected value, never thrown. An
 * event older than everything the retention keeps is rejected too: stored, it would vanish at the
 * next retention run. Mutable (the cutoffs of the current second); the poll thread only.
 */
final class EventDecoder {
    private final EventJson json = new EventJson();
    private final AcceptedRange acceptedRange;
    private final RetentionConfig retention;
    private final Clock clock;
    private RetentionCutoffs cutoffs;
    private long cutoffsSecond = Long.MIN_VALUE;

    /** One instance per partition, shared by its records: a batch holds 100,000 of them. */
    private final Map<Integer, TopicPartition> partitions = new HashMap<>();

    EventDecoder(AcceptedRange acceptedRange, RetentionConfig retention, Clock clock) {
        this.acceptedRange = Objects.requireNonNull(acceptedRange, "acceptedRange == null");
        this.retention = Objects.requireNonNull(retention, "retention == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return new Decoded.Rejected("value: record has no value (a tombstone)", record);
        }
        try {
            Event event = json.decode(record.value());
            acceptedRange.check(event);
            Optional<String> unkept = cutoffs().whyNothingKeeps(event.timestamp());
            if (unkept.isPresent()) {
                return new Decoded.Rejected("timestamp: " + unkept.get(), record);
            }
            return new Decoded.Valid(event, partitionOf(record), record.offset());
        } catch (InvalidInputException e) {
            return new Decoded.Rejected(e.parameter() + ": " + e.reason(), record);
        }
    }

    private TopicPartition partitionOf(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = partitions.get(record.partition());
        if (partition == null || !partition.topic().equals(record.topic())) {
            partition = new TopicPartition(record.topic(), record.partition());
            partitions.put(record.partition(), partition);
        }
        return partition;
    }

    private RetentionCutoffs cutoffs() {
        long second = clock.millis() / 1000;
        if (second != cutoffsSecond) {
            cutoffs = RetentionCutoffs.at(retention, Instant.ofEpochSecond(second));
            cutoffsSecond = second;
        }
        return cutoffs;
    }
}
