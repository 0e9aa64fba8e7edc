package io.useranalytics.writer;

import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** What one Kafka record turned out to be: a valid event, or a record to dead-letter. */
sealed interface Decoded permits Decoded.Valid, Decoded.Rejected {
    TopicPartition partition();

    long offset();

    /** Where the record stands in the log. */
    default Position position() {
        return new Position(partition(), offset());
    }

    /** A record's place in the log: partition and offset. */
    record Position(TopicPartition partition, long offset) {}

    record Valid(Event event, TopicPartition partition, long offset) implements Decoded {
        public Valid {
            Objects.requireNonNull(event, "event == null");
            Objects.requireNonNull(partition, "partition == null");
        }

        /**
         * This record as a reject, when the database will not store its event: its value is the
         * event in the contract's JSON (the raw record is not kept once decoded), keyed by user.
         */
        Rejected refused(String reason) {
            ConsumerRecord<byte[], byte[]> source =
                    new ConsumerRecord<>(
                            partition.topic(),
                            partition.partition(),
                            offset,
                            event.user().getBytes(StandardCharsets.UTF_8),
                            new EventJson().encode(event));
            return new Rejected(reason, source);
        }
    }

    /** The original record and why it is not an event; it goes to the dead-letter topic. */
    record Rejected(String reason, ConsumerRecord<byte[], byte[]> source) implements Decoded {
        public Rejected {
            Objects.requireNonNull(reason, "reason == null");
            Objects.requireNonNull(source, "source == null");
        }

        @Override
        public TopicPartition partition() {
            return new TopicPartition(source.topic(), source.partition());
        }

        @Override
        public long offset() {
            return source.offset();
        }
    }
}
