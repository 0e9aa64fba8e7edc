package io.useranalytics.common.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

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
        int brokers =
                admin.describeCluster().nodes().get(wait.toMillis(), TimeUnit.MILLISECONDS).size();
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(topics)
                        .allTopicNames()
                        .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(
                                topics.stream()
                                        .map(
                                                topic ->
                                                        new ConfigResource(
                                                                ConfigResource.Type.TOPIC, topic))
                                        .toList())
                        .all()
                        .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicReplication> replication = new ArrayList<>();
        for (String topic : topics) {
            int replicas =
                    descriptions.get(topic).partitions().stream()
                            .map(TopicPartitionInfo::replicas)
                            .mapToInt(List::size)
                            .min()
                            .orElse(0);
            ConfigEntry minIsr =
                    configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                            .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            replication.add(
                    new TopicReplication(
                            topic,
                            replicas,
                            minIsr == null ? 1 : Integer.parseInt(minIsr.value())));
        }
        return of(brokers, replication);
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
