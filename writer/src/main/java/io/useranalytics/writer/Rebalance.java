package io.useranalytics.writer;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps positions honest across rebalances: before partitions go, the batches in hand are written
 * if they can be, else dropped and the partitions kept are sought back to their stored offsets; new
 * partitions are paused until positioned from the store. Runs on the poll thread, inside poll.
 */
final class Rebalance implements ConsumerRebalanceListener {
    /** What the poll loop holds that was read from the partitions. */
    interface InHand {
        /** Writes what is in flight, ready and accumulated, if the database takes it. */
        void writeInHand();

        /** Waits for the write in flight, if any. */
        void finishInFlight();

        /** Forgets every batch not yet stored; true if there was one. */
        boolean dropInHand();

        /** Seeks the partitions awaiting a position, backing off if that fails. */
        void positionAwaiting();
    }

    private final Consumer<byte[], byte[]> consumer;
    private final PartitionPositions positions;
    private final InHand inHand;

    Rebalance(Consumer<byte[], byte[]> consumer, PartitionPositions positions, InHand inHand) {
        this.consumer = consumer;
        this.positions = positions;
        this.inHand = inHand;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        inHand.writeInHand();
        drop(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        inHand.finishInFlight();
        drop(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        positions.awaitPosition(partitions);
        inHand.positionAwaiting();
    }

    private void drop(Collection<TopicPartition> partitions) {
        boolean dropped = inHand.dropInHand();
        positions.forget(partitions);
        if (dropped) {
            Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
            kept.removeAll(partitions);
            positions.awaitPosition(kept);
        }
    }
}
