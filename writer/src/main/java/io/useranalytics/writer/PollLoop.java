package io.useranalytics.writer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
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
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's poll thread, and the only code that touches the {@link Consumer}: poll, decode,
 * accumulate, add a due batch's new users ({@link NewUsers}, a transaction of their own), and hand
 * the batch to the {@link StoreThread}, which writes its events, rollups and offsets while this
 * thread prepares the next one. A batch is stored only once the one before it is, so batches commit
 * in offset order.
 *
 * <p>Positions come from the {@link OffsetStore}, never from Kafka: a newly assigned partition
 * stays paused until {@link PartitionStarts} finds where it starts, and stays paused if the log no
 * longer holds its stored offset and the operator has not accepted the gap. Kafka never resets a
 * position by itself: a fetch outside the log re-reads from the stored offsets, where the gap is
 * found. When a write fails the loop keeps the batch (and the one prepared after it), pauses every
 * partition (so memory stays bounded) and retries them in order after {@link Backoff}; it logs once
 * when trouble starts and once when it ends. Mutable state; the poll thread only (the store thread
 * runs the {@link BatchWriter} and the {@link DeadLetters}, one batch at a time).
 */
final class PollLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final EventDecoder decoder;
    private final BatchAccumulator accumulator;
    private final NewUsers newUsers;
    private final StoreThread<ReadyBatch> store;
    private final PartitionStarts starts;
    private final Backoff backoff;
    private final WriterMeters meters;
    private final Clock clock;

    private volatile boolean running = true;

    /** Batches whose write failed, oldest first, to retry before anything read after them. */
    private final Deque<Batch> held = new ArrayDeque<>();

    /** The next batch to store, its users added; never present while batches are held. */
    private Optional<ReadyBatch> ready = Optional.empty();

    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private Instant retryAt = Instant.MIN;
    private Optional<Instant> troubleSince = Optional.empty();

    /** What became of a batch whose write was collected. */
    private enum Outcome {
        STORED,
        HELD,
        /** Stale: it and everything read after it was dropped, to be read again. */
        DROPPED
    }

    PollLoop(
            Consumer<byte[], byte[]> consumer,
            String topic,
            EventDecoder decoder,
            BatchAccumulator accumulator,
            NewUsers newUsers,
            DeadLetters deadLetters,
            BatchWriter writer,
            PartitionStarts starts,
            Backoff backoff,
            WriterMeters meters,
            Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.decoder = decoder;
        this.accumulator = accumulator;
        this.newUsers = newUsers;
        this.store =
                new StoreThread<>(
                        "writer-store", batch -> deadLetterAndWrite(deadLetters, writer, batch));
        this.starts = starts;
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
                store.close();
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
        if (store.hasEnded()) {
            collect();
        }
        if (isInTrouble() && !now.isBefore(retryAt)) {
            retry();
        }
        if (held.isEmpty() && ready.isEmpty() && accumulator.isDue(now)) {
            prepare(accumulator.drain());
        }
        if (ready.isPresent()) {
            // The next batch is ready: wait for the database instead of reading more into memory.
            if (store.isBusy()) {
                collect();
            }
            startReady();
            return;
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(pollWait(now));
        } catch (InvalidOffsetException e) {
            reReadAfterInvalidOffset(e);
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            accumulator.add(decoder.decode(record), clock.instant());
        }
    }

    /**
     * A fetch position left the log (retention deleted records not yet read, or the log was
     * replaced): the write in flight is finished, nothing else in hand is stored, and every
     * partition starts again from what the database says, where the gap is found and reported.
     */
    private void reReadAfterInvalidOffset(InvalidOffsetException e) {
        log.warn(
                "fetch positions of {} are not in the log ({}); re-reading from stored offsets",
                e.partitions(),
                e.getMessage());
        if (store.isBusy()) {
            collect(); // its offsets then count as stored, and it is not read again
        }
        dropInHand();
        repositionAll();
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
        return !held.isEmpty() || !unpositioned.isEmpty();
    }

    private void retry() {
        if (!unpositioned.isEmpty()) {
            position();
        }
        while (unpositioned.isEmpty() && !held.isEmpty()) {
            if (writeNow(held.pollFirst()) != Outcome.STORED) {
                return;
            }
        }
    }

    /** Adds the batch's users, then it is ready to store; if that fails, it is held. */
    private void prepare(Batch batch) {
        try {
            ready = Optional.of(newUsers.add(batch));
        } catch (BatchWriteException e) {
            Outcome before = store.isBusy() ? collect() : Outcome.STORED;
            if (before != Outcome.DROPPED) {
                held.addLast(batch);
            }
            pauseAndBackOff(e);
        }
    }

    /** Adds the users, stores the batch and waits for it; no other write may be in flight. */
    private Outcome writeNow(Batch batch) {
        ReadyBatch prepared;
        try {
            prepared = newUsers.add(batch);
        } catch (BatchWriteException e) {
            held.addFirst(batch);
            pauseAndBackOff(e);
            return Outcome.HELD;
        }
        store.start(prepared);
        return collect();
    }

    private void startReady() {
        ready.ifPresent(store::start);
        ready = Optional.empty();
    }

    /** After a failed write: every partition waits until the held batches are stored. */
    private void pauseAndBackOff(BatchWriteException e) {
        meters.failedWrites().increment();
        consumer.pause(consumer.assignment());
        troubled(e);
    }

    /** Runs on the store thread. */
    private int deadLetterAndWrite(DeadLetters deadLetters, BatchWriter writer, ReadyBatch batch)
            throws BatchWriteException {
        long started = System.nanoTime();
        deadLetters.send(batch.batch().rejects());
        int stored = writer.write(batch);
        meters.batchWrites().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return stored;
    }

    /** Waits for the write in flight, then acts on its outcome. */
    private Outcome collect() {
        Batch batch = store.batch().batch();
        int stored;
        try {
            stored = store.collect();
        } catch (StaleBatchException e) {
            meters.failedWrites().increment();
            log.warn(
                    "dropped a batch of {} records: {}; re-reading from stored offsets",
                    batch.size(),
                    e.getMessage());
            dropInHand();
            repositionAll();
            return Outcome.DROPPED;
        } catch (BatchWriteException e) {
            held.addFirst(batch);
            ready.ifPresent(next -> held.addLast(next.batch()));
            ready = Optional.empty();
            pauseAndBackOff(e);
            return Outcome.HELD;
        }
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
        return Outcome.STORED;
    }

    /**
     * Seeks the partitions awaiting a position to their stored offsets, or the start; one whose
     * stored offset the log no longer holds stays paused if it waits on its gap.
     */
    private void position() {
        Map<TopicPartition, Long> found;
        Map<TopicPartition, Long> ends;
        try {
            ends = consumer.endOffsets(unpositioned);
            found = starts.find(unpositioned, consumer.beginningOffsets(unpositioned), ends);
        } catch (Exception e) {
            troubled(e);
            return;
        }
        for (TopicPartition partition : unpositioned) {
            // One waiting on its gap stays paused; a valid position keeps Kafka from resetting it.
            consumer.seek(partition, found.getOrDefault(partition, ends.get(partition)));
        }
        log.debug("positioned {} at {}", unpositioned, found);
        unpositioned.clear();
        recovered();
    }

    private void dropInHand() {
        held.clear();
        ready = Optional.empty();
        accumulator.discard();
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
            ready.removeIf(starts::isWaiting);
            consumer.resume(ready);
        }
    }

    private void writeRemainder() {
        writeInHand();
        if (!held.isEmpty()) {
            log.warn("{} batches not stored on shutdown; they will be read again", held.size());
        }
    }

    /** Stores what is in flight, ready and accumulated, in that order, unless a write fails. */
    private void writeInHand() {
        if (store.isBusy()) {
            collect();
        }
        if (ready.isPresent()) {
            startReady();
            collect();
        }
        if (held.isEmpty() && !accumulator.isEmpty() && unpositioned.isEmpty()) {
            writeNow(accumulator.drain());
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
            writeInHand();
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (store.isBusy()) {
                collect();
            }
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            unpositioned.addAll(partitions);
            consumer.pause(partitions);
            position();
        }

        private void drop(Collection<TopicPartition> partitions) {
            boolean dropped = !held.isEmpty() || ready.isPresent() || !accumulator.isEmpty();
            dropInHand();
            unpositioned.removeAll(partitions);
            starts.forget(partitions);
            if (dropped) {
                Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
                kept.removeAll(partitions);
                unpositioned.addAll(kept);
                consumer.pause(kept);
            }
        }
    }
}
