package io.useranalytics.writer;

import java.util.concurrent.TimeUnit;

/**
 * Stores one prepared batch on the store thread: its rejects to the dead-letter topic first, then
 * its events, rollups and offsets in one transaction; times the whole.
 */
final class BatchStore implements StoreThread.Store<ReadyBatch> {
    private final DeadLetters deadLetters;
    private final BatchWriter writer;
    private final WriterMeters meters;

    BatchStore(DeadLetters deadLetters, BatchWriter writer, WriterMeters meters) {
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.meters = meters;
    }

    @Override
    public int store(ReadyBatch batch) throws BatchWriteException {
        long started = System.nanoTime();
        deadLetters.send(batch.batch().rejects());
        int stored = writer.write(batch);
        deadLetters.stored(batch.batch().offsets());
        meters.batchWrites().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return stored;
    }
}
