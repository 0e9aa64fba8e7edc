package io.useranalytics.writer;

import io.useranalytics.record.AcceptedRange;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.GivenTimestamp;
import io.useranalytics.record.InvalidInputException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Turns a Kafka record into a {@link Decoded}; bad input is a Rejected value, never thrown. */
final class EventDecoder {
    private final EventJson json = new EventJson();
    private final AcceptedRange acceptedRange;

    EventDecoder(AcceptedRange acceptedRange) {
        this.acceptedRange = Objects.requireNonNull(acceptedRange, "acceptedRange == null");
    }

    Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return new Decoded.Rejected("value: record has no value (a tombstone)", record);
        }
        try {
            Event event = json.decode(record.value());
            acceptedRange.check(new GivenTimestamp(event.timestamp(), ChronoUnit.MILLIS));
            return new Decoded.Valid(
                    event, new TopicPartition(record.topic(), record.partition()), record.offset());
        } catch (InvalidInputException e) {
            return new Decoded.Rejected(e.parameter() + ": " + e.reason(), record);
        }
    }
}
