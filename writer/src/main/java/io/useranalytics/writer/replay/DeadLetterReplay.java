package io.useranalytics.writer.replay;

import io.useranalytics.common.kafka.ConsumerSettings;
import io.useranalytics.common.kafka.KafkaConnection;
import io.useranalytics.common.tool.ProgressDisplay;
import io.useranalytics.record.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to the event topic, each exactly once per replay name: a poll's replayed
 * records and the dead-letter offsets past them are committed in one Kafka transaction, under a
 * consumer group and a transactional id of the replay's own. A replay that stops half-way (a crash,
 * Ctrl-C) leaves its open transaction to be aborted by the next run of the same name, which goes on
 * from the last committed offsets. The writer reads committed records only.
 *
 * <p>A replay reads up to the end the dead-letter topic had when it started, so records
 * dead-lettered meanwhile (say, replayed ones rejected again) are left for a later run.
 */
final class DeadLetterReplay {
    private static final Duration POLL = Duration.ofMillis(500);

    /** A replay that reads nothing for this long while records remain stops with an error. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final KafkaConnection connection;
    private final String deadLetterTopic;
    private final String eventTopic;
    private final String replayName;

    DeadLetterReplay(
            KafkaConnection connection,
            String deadLetterTopic,
            String eventTopic,
            String replayName) {
        this.connection = Objects.requireNonNull(connection, "connection == null");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic == null");
        this.eventTopic = Objects.requireNonNull(eventTopic, "eventTopic == null");
        this.replayName = Objects.requireNonNull(replayName, "replayName == null");
    }

    /** The consumer group (and transactional id) that remembers how far this replay got. */
    String group() {
        return deadLetterTopic + ".replay." + replayName;
    }

    ReplaySummary run(ReplayFilter filter, LongFunction<ProgressDisplay> display) {
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings())) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long total = 0;
            for (TopicPartition partition : partitions) {
                total += ends.get(partition) - consumer.position(partition);
            }
            producer.initTransactions();
            Counts counts = new Counts();
            try (ProgressDisplay progress = display.apply(total)) {
                long lastRead = System.nanoTime();
                while (!pauseFinished(consumer, ends)) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        lastRead = System.nanoTime();
                        replay(records, ends, filter, consumer, producer, counts);
                        progress.stepTo(counts.read);
                    } else if (System.nanoTime() - lastRead > STALL_LIMIT.toNanos()) {
                        throw new ReplayException(
                                String.format(
                                        "no dead letters arrived from %s for %d s though %d remain",
                                        deadLetterTopic,
                                        STALL_LIMIT.toSeconds(),
                                        total - counts.read));
                    }
                }
            }
            return new ReplaySummary(
                    counts.read, counts.replayed, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Dead letters read and replayed so far; used by the replay's one thread. */
    private static final class Counts {
        long read;
        long replayed;
    }

    /**
     * Sends one poll's matching records back and commits the dead-letter offsets past all it read,
     * in one transaction. Records past the ends the run started with are left for a later run.
     */
    private void replay(
            ConsumerRecords<byte[], byte[]> records,
            Map<TopicPartition, Long> ends,
            ReplayFilter filter,
            KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> producer,
            Counts counts) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        producer.beginTransaction();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() >= ends.get(partition)) {
                continue;
            }
            counts.read++;
            next.put(partition, new OffsetAndMetadata(record.offset() + 1));
            if (filter.matches(record.partition(), record.offset(), record.headers())) {
                producer.send(replayed(record));
                counts.replayed++;
            }
        }
        producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
        producer.commitTransaction();
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> found = consumer.partitionsFor(deadLetterTopic);
        if (found == null || found.isEmpty()) {
            throw new ReplayException(
                    "the dead-letter topic " + deadLetterTopic + " does not exist");
        }
        return found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /**
     * Pauses the partitions read up to their end (what arrives there later is not this run's); true
     * once all are.
     */
    private static boolean pauseFinished(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        boolean all = true;
        for (TopicPartition partition : consumer.assignment()) {
            if (consumer.position(partition) >= ends.get(partition)) {
                consumer.pause(List.of(partition));
            } else {
                all = false;
            }
        }
        return all;
    }

    /** The original key, value and headers, with the dead-letter headers replaced by its origin. */
    private ProducerRecord<byte[], byte[]> replayed(ConsumerRecord<byte[], byte[]> deadLetter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!DeadLetterHeaders.isDeadLetterHeader(header.key())
                    && !header.key().equals(DeadLetterHeaders.REPLAYED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(
                DeadLetterHeaders.REPLAYED_FROM,
                (deadLetter.topic() + "-" + deadLetter.partition() + "@" + deadLetter.offset())
                        .getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(
                eventTopic, null, deadLetter.key(), deadLetter.value(), headers);
    }

    private Map<String, Object> consumerSettings() {
        Map<String, Object> settings =
                ConsumerSettings.committedByCaller(connection, group(), group());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A mistyped KAFKA_DLQ_TOPIC is an error, not a new empty topic.
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return settings;
    }

    private Map<String, Object> producerSettings() {
        Map<String, Object> settings = connection.settings(group() + "-producer");
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group());
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return settings;
    }
}
