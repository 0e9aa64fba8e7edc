package io.useranalytics.writer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's one thread, and the only code that touches the {@link Consumer}: poll, decode,
 * accumulate, and write a batch when it is due.
 *
 * <p>Positions come from the {@link OffsetStore}, never from Kafka: a newly assigned partition
 * stays paused until its stored offset is read and sought. When a write fails the loop keeps the
 * batch, pauses every partition (so memory stays bounded) and retries after {@link Backoff}; it
 * logs once when trouble starts and once when it ends. Mutable state; one thread only.
 */
final class PollLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final EventDecoder decoder;
    private final BatchAccumulator accumulator;
    private final DeadLetters deadLetters;
    private final BatchWriter writer;
    private final OffsetStore offsets;
    private final Backoff backoff;
    private final WriterMeters meters;
    private final Clock clock;

    private volatile boolean running = true;
    private Optional<Batch> held = Optional.empty();
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private Instant retryAt = Instant.MIN;
    private Optional<Instant> troubleSince = Optional.empty();

    PollLoop(
            Consumer<byte[], byte[]> consumer,
            String topic,
            EventDecoder decoder,
            BatchAccumulator accumulator,
            DeadLetters deadLetters,
            BatchWriter writer,
            OffsetStore offsets,
            Backoff backoff,
            WriterMeters meters,
            Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.decoder = decoder;
        this.accumulator = accumulator;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.offsets = offsets;
        this.backoff = backoff;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                step();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            try {
                writeRemainder();
            } finally {
                consumer.close();
            }
        }
    }

    /** Asks the loop to stop; the batch in hand is committed or rolled back, never half. */
    void shutdown() {
        running = false;
        consumer.wakeup();
    }

    private void step() {
        Instant now = clock.instant();
        if (isInTrouble() && !now.isBefore(retryAt)) {
            retry();
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollWait(now))) {
            accumulator.add(decoder.decode(record), clock.instant());
        }
        if (held.isEmpty() && !accumulator.isEmpty() && accumulator.isDue(clock.instant())) {
            write(accumulator.drain());
        }
    }

    private Duration pollWait(Instant now) {
        Duration wait =
                isInTrouble() ? Duration.between(now, retryAt) : accumulator.timeUntilDue(now);
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_POLL_WAIT) < 0 ? wait : MAX_POLL_WAIT;
    }

    private boolean isInTrouble() {
        return held.isPresent() || !unpositioned.isEmpty();
    }

    private void retry() {
        if (!unpositioned.isEmpty()) {
            position();
        }
        if (unpositioned.isEmpty() && held.isPresent()) {
            write(held.get());
        }
    }

    private void write(Batch batch) {
        long started = System.nanoTime();
        int stored;
        try {
            deadLetters.send(batch.rejects());
            stored = writer.write(batch);
        } catch (StaleBatchException e) {
            meters.failedWrites().increment();
            log.warn(
                    "dropped a batch of {} records: {}; re-reading from stored offsets",
                    batch.size(),
                    e.getMessage());
            held = Optional.empty();
            accumulator.discard();
            repositionAll();
            return;
        } catch (BatchWriteException e) {
            meters.failedWrites().increment();
            held = Optional.of(batch);
            consumer.pause(consumer.assignment());
            troubled(e);
            return;
        }
        held = Optional.empty();
        meters.batchWrites().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        meters.batchSizes().record(batch.size());
        meters.eventsWritten().increment(stored);
        meters.retriesDropped().increment(batch.events().size() - stored);
        meters.deadLettered().increment(batch.rejects().size());
        log.debug(
                "wrote {} events, dropped {} retries, dead-lettered {}",
                stored,
                batch.events().size() - stored,
                batch.rejects().size());
        recovered();
        consumer.commitAsync(asCommit(batch.offsets()), null);
    }

    /** Seeks the partitions awaiting a position to their stored offsets, or the start. */
    private void position() {
        Map<TopicPartition, Long> stored;
        try {
            stored = offsets.load(unpositioned);
        } catch (Exception e) {
            troubled(e);
            return;
        }
        for (TopicPartition partition : unpositioned) {
            if (stored.containsKey(partition)) {
                consumer.seek(partition, stored.get(partition));
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
        log.debug("positioned {} at stored offsets {}", unpositioned, stored);
        unpositioned.clear();
        recovered();
    }

    private void troubled(Exception e) {
        Duration delay = backoff.nextDelay();
        retryAt = clock.instant().plus(delay);
        if (troubleSince.isEmpty()) {
            troubleSince = Optional.of(clock.instant());
            log.warn(
                    "database unavailable ({}); paused {} partitions, retrying with back-off",
                    e.getMessage(),
                    consumer.assignment().size(),
                    e);
        } else {
            log.debug("attempt {} failed; next in {} ms", backoff.attempts(), delay.toMillis(), e);
        }
    }

    private void recovered() {
        backoff.reset();
        if (troubleSince.isPresent()) {
            log.info(
                    "database back after {} s; resumed consuming",
                    Duration.between(troubleSince.get(), clock.instant()).toSeconds());
            troubleSince = Optional.empty();
        }
        if (held.isEmpty()) {
            Set<TopicPartition> ready = new HashSet<>(consumer.assignment());
            ready.removeAll(unpositioned);
            consumer.resume(ready);
        }
    }

    private void writeRemainder() {
        if (held.isEmpty() && !accumulator.isEmpty() && unpositioned.isEmpty()) {
            Batch last = accumulator.drain();
            try {
                deadLetters.send(last.rejects());
                writer.write(last);
            } catch (BatchWriteException e) {
                log.warn(
                        "last batch of {} events rolled back on shutdown; it will be read again",
                        last.events().size(),
                        e);
            }
        }
    }

    /** Pauses every assigned partition until it is sought back to its stored offset. */
    private void repositionAll() {
        unpositioned.addAll(consumer.assignment());
        consumer.pause(consumer.assignment());
        position();
    }

    private static Map<TopicPartition, OffsetAndMetadata> asCommit(
            Map<TopicPartition, OffsetRange> ranges) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        ranges.forEach(
                (partition, range) -> commit.put(partition, new OffsetAndMetadata(range.next())));
        return commit;
    }

    /**
     * Keeps positions honest across rebalances: before partitions go, the batch in hand is written
     * if it can be, else dropped and the partitions kept are sought back to their stored offsets;
     * new partitions are paused until positioned from the store.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (held.isEmpty() && !accumulator.isEmpty() && unpositioned.isEmpty()) {
                write(accumulator.drain());
            }
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            unpositioned.addAll(partitions);
            consumer.pause(partitions);
            position();
        }

        private void drop(Collection<TopicPartition> partitions) {
            boolean dropped = held.isPresent() || !accumulator.isEmpty();
            held = Optional.empty();
            accumulator.discard();
            unpositioned.removeAll(partitions);
            if (dropped) {
                Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
                kept.removeAll(partitions);
                unpositioned.addAll(kept);
                consumer.pause(kept);
            }
        }
    }
}
