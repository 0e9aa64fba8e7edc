package io.useranalytics.writer;

import io.useranalytics.store.StoreException;
import io.useranalytics.store.offsets.OffsetRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
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
 * the batch to the {@link StoreThread}, which stores it ({@link BatchStore}) while this thread
 * prepares the next one. A batch is stored only once the one before it is, so batches commit in
 * offset order. Positions come from the database, never from Kafka ({@link PartitionPositions}); a
 * fetch outside the log re-reads from the stored offsets, where the gap is found. When a write
 * fails the loop keeps the batch (and the one prepared after it), pauses every partition (so memory
 * stays bounded) and retries them in order when {@link WriteTrouble} says.
 *
 * <p>Longer than 300 lines on purpose: the three places a batch can be (held, ready, in flight) and
 * the order they are written in are one rule, read best in one class. Mutable state; the poll
 * thread only.
 */
final class PollLoop implements Runnable, Rebalance.InHand {
    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final EventDecoder decoder;
    private final BatchAccumulator accumulator;
    private final NewUsers newUsers;
    private final StoreThread<ReadyBatch> store;
    private final PartitionPositions positions;
    private final WriteTrouble trouble;
    private final WriterMeters meters;
    private final WriterProgress progress;
    private final Clock clock;

    private volatile boolean running = true;

    /** Batches whose write failed, oldest first, to retry before anything read after them. */
    private final Deque<Batch> held = new ArrayDeque<>();

    private final RefusedRecordSearch search = new RefusedRecordSearch();

    /** The next batch to store, its users added; never present while batches are held. */
    private Optional<ReadyBatch> ready = Optional.empty();

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
            BatchStore batchStore,
            PartitionStarts starts,
            WriteTrouble trouble,
            WriterMeters meters,
            WriterProgress progress,
            Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.decoder = decoder;
        this.accumulator = accumulator;
        this.newUsers = newUsers;
        this.store = new StoreThread<>("writer-store", batchStore);
        this.positions = new PartitionPositions(consumer, starts, accumulator);
        this.trouble = trouble;
        this.meters = meters;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance(consumer, positions, this));
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
        long lag = lag();
        progress.observe(lag > 0 || isHoldingRecords(), lag, now);
        if (store.hasEnded()) {
            collect();
        }
        if (isInTrouble() && trouble.isRetryDue(now)) {
            retry();
        }
        if (held.isEmpty() && ready.isEmpty() && accumulator.isDue(now)) {
            prepare(accumulator.drain());
        }
        if (ready.isPresent()) {
            // The next batch is ready: wait for the database instead of reading more into memory.
            finishInFlight();
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
        finishInFlight(); // its offsets then count as stored, and it is not read again
        dropInHand();
        repositionAll();
    }

    /** Records read and not stored yet: in flight, ready, held or accumulating. */
    private boolean isHoldingRecords() {
        return store.isBusy() || ready.isPresent() || !held.isEmpty() || !accumulator.isEmpty();
    }

    /** The records of the assigned partitions not read yet, as far as the consumer knows. */
    private long lag() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        return lag;
    }

    private Duration pollWait(Instant now) {
        Duration wait = isInTrouble() ? trouble.untilRetry(now) : accumulator.timeUntilDue(now);
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_POLL_WAIT) < 0 ? wait : MAX_POLL_WAIT;
    }

    private boolean isInTrouble() {
        return !held.isEmpty() || !positions.areAllPositioned();
    }

    private void retry() {
        if (!positions.areAllPositioned()) {
            positionAwaiting();
        }
        while (positions.areAllPositioned() && !held.isEmpty()) {
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
                hold(batch, e, false);
            }
        }
    }

    /** Adds the users, stores the batch and waits for it; no other write may be in flight. */
    private Outcome writeNow(Batch batch) {
        ReadyBatch prepared;
        try {
            prepared = newUsers.add(batch);
        } catch (BatchWriteException e) {
            hold(batch, e, true);
            return Outcome.HELD;
        }
        store.start(prepared);
        return collect();
    }

    private void startReady() {
        ready.ifPresent(store::start);
        ready = Optional.empty();
    }

    /**
     * After a failed write: every partition waits until the held batches are stored. A batch the
     * database refused for a value in one of its records is held as its two halves, retried at
     * once, until the record is alone and becomes a dead letter; any other failure backs off.
     */
    private void hold(Batch batch, BatchWriteException e, boolean first) {
        meters.failedWrites().increment();
        progress.failed(e);
        consumer.pause(consumer.assignment());
        Optional<List<Batch>> halves = search.partsOf(batch, e);
        if (halves.isEmpty()) {
            troubled(e);
        }
        List<Batch> parts = halves.orElse(List.of(batch));
        if (first) {
            for (int i = parts.size() - 1; i >= 0; i--) {
                held.addFirst(parts.get(i));
            }
        } else {
            parts.forEach(held::addLast);
        }
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
        } catch (DatabaseRewoundException e) {
            meters.databaseRewinds().increment();
            log.warn(
                    "{}; forgetting what was read from it (known users, partitions) and reading"
                            + " {} again from the stored offsets (about {} offsets)",
                    e.getMessage(),
                    consumer.assignment(),
                    e.rewoundBy());
            newUsers.forgetKnownUsers();
            dropInHand();
            repositionAll();
            return Outcome.DROPPED;
        } catch (BatchWriteException e) {
            hold(batch, e, true);
            ready.ifPresent(next -> held.addLast(next.batch()));
            ready = Optional.empty();
            return Outcome.HELD;
        }
        progress.stored(clock.instant());
        meters.batchSizes().record(batch.size());
        meters.eventsWritten().increment(stored);
        meters.retriesDropped().increment(batch.valid().size() - stored);
        log.debug(
                "wrote {} events, dropped {} retries, dead-lettered {}",
                stored,
                batch.valid().size() - stored,
                batch.rejects().size());
        recovered();
        consumer.commitAsync(commitOf(batch.offsets()), PollLoop::committed);
        return Outcome.STORED;
    }

    /** What to commit to Kafka once {@code ranges} are stored: the next offset of each. */
    private static Map<TopicPartition, OffsetAndMetadata> commitOf(
            Map<TopicPartition, OffsetRange> ranges) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        ranges.forEach(
                (partition, range) -> commit.put(partition, new OffsetAndMetadata(range.next())));
        return commit;
    }

    /**
     * The offsets committed to Kafka only show consumer lag to the operator's tools; the database's
     * are the ones the writer resumes from. A failed commit (the group's coordinator moving to
     * another broker) is made good by the next batch's, so it is no error (Kafka's own callback
     * logs it as one).
     */
    private static void committed(Map<TopicPartition, OffsetAndMetadata> offsets, Exception e) {
        if (e != null) {
            log.debug("committing offsets {} to Kafka failed: {}", offsets, e.toString());
        }
    }

    /** Seeks the partitions awaiting a position; if that fails, tries again after a back-off. */
    @Override
    public void positionAwaiting() {
        try {
            positions.position();
        } catch (StoreException | RuntimeException e) {
            troubled(e);
            return;
        }
        recovered();
    }

    private void troubled(Exception e) {
        progress.failed(e);
        trouble.failed(e, consumer.assignment().size());
    }

    private void recovered() {
        trouble.succeeded();
        if (held.isEmpty()) {
            search.ended();
            positions.resumeReady();
        }
    }

    private void writeRemainder() {
        writeInHand();
        if (!held.isEmpty()) {
            log.warn("{} batches not stored on shutdown; they will be read again", held.size());
        }
    }

    /** Pauses every assigned partition until it is sought back to its stored offset. */
    private void repositionAll() {
        positions.awaitPositionForAll();
        positionAwaiting();
    }

    /** Writes what is in flight, ready and accumulated, if the database takes it. */
    @Override
    public void writeInHand() {
        finishInFlight();
        if (ready.isPresent()) {
            startReady();
            collect();
        }
        if (held.isEmpty() && !accumulator.isEmpty() && positions.areAllPositioned()) {
            writeNow(accumulator.drain());
        }
    }

    @Override
    public void finishInFlight() {
        if (store.isBusy()) {
            collect();
        }
    }

    @Override
    public boolean dropInHand() {
        boolean dropped = !held.isEmpty() || ready.isPresent() || !accumulator.isEmpty();
        held.clear();
        search.ended();
        ready = Optional.empty();
        accumulator.discard();
        return dropped;
    }
}
