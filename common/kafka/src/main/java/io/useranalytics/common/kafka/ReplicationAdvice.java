package io.useranalytics.common.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Whether a cluster keeps the services' topics as a cluster should: on three or more brokers, at
 * least three replicas and min.insync.replicas of two, else a broker's death loses acknowledged
 * events (acks=all waits for the in-sync replicas only) or stops producing. A single broker (the
 * embedded one, a laptop) is not a cluster and gets no advice.
 */
final class ReplicationAdvice {
    private ReplicationAdvice() {}

    /** What one topic looks like on the cluster. */
    record TopicReplication(String topic, int replicas, int minInSyncReplicas) {}

    /** The advice for {@code topics} as the cluster has them now; empty when all is well. */
    static Optional<String> read(Admin admin, Collection<String> topics, Duration wait)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicReplicas now = TopicReplicas.read(admin, topics, wait);
        List<TopicReplication> replication = new ArrayList<>();
        now.topics()
                .forEach(
                        (topic, state) ->
                                replication.add(
                                        new TopicReplication(
                                                topic,
                                                state.replicas(),
                                                state.minInSyncReplicas())));
        return of(now.brokers(), replication);
    }

    /** The advice for topics kept as {@code replication} on {@code brokers} brokers. */
    static Optional<String> of(int brokers, List<TopicReplication> replication) {
        if (brokers < 3) {
            return Optional.empty();
        }
        List<String> weak = new ArrayList<>();
        for (TopicReplication topic : replication) {
            if (topic.replicas() < 3 || topic.minInSyncReplicas() < 2) {
                weak.add(
                        topic.topic()
                                + " ("
                                + topic.replicas()
                                + " replicas, min.insync.replicas "
                                + topic.minInSyncReplicas()
                                + ")");
            }
        }
        if (weak.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                "a cluster of "
                        + brokers
                        + " brokers keeps "
                        + String.join(", ", weak)
                        + ": one broker's death can lose acknowledged events or stop producing;"
                        + " keep 3 replicas and min.insync.replicas=2 (KAFKA_TOPIC_REPLICATION_FACTOR"
                        + " for the topics the services create)");
    }
}
