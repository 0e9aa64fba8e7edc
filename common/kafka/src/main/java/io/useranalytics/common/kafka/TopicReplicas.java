package io.useranalytics.common.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * How a cluster holds some topics now: how many brokers serve, and for each topic its partitions'
 * replicas and in-sync replicas and its min.insync.replicas.
 */
record TopicReplicas(int brokers, Map<String, Topic> topics) {
    TopicReplicas {
        topics = Map.copyOf(topics);
    }

    /** One topic: its partitions and the in-sync replicas a produce with acks=all needs. */
    record Topic(List<TopicPartitionInfo> partitions, int minInSyncReplicas) {
        Topic {
            partitions = List.copyOf(partitions);
        }

        /** The fewest replicas any of its partitions has. */
        int replicas() {
            return partitions.stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        }

        /** Partitions with a replica out of sync (or dead): one more loss away from trouble. */
        long underReplicated() {
            return partitions.stream().filter(p -> p.isr().size() < p.replicas().size()).count();
        }

        /** Partitions that refuse a produce with acks=all now: ingest answers 503 for them. */
        long underMinInSync() {
            return partitions.stream().filter(p -> p.isr().size() < minInSyncReplicas).count();
        }
    }

    static TopicReplicas read(Admin admin, Collection<String> topics, Duration wait)
            throws ExecutionException, InterruptedException, TimeoutException {
        long millis = wait.toMillis();
        int brokers = admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS).size();
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(topics).allTopicNames().get(millis, TimeUnit.MILLISECONDS);
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(topics.stream().map(TopicReplicas::resource).toList())
                        .all()
                        .get(millis, TimeUnit.MILLISECONDS);
        Map<String, Topic> read = new HashMap<>();
        for (String topic : topics) {
            ConfigEntry minIsr =
                    configs.get(resource(topic)).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            read.put(
                    topic,
                    new Topic(
                            descriptions.get(topic).partitions(),
                            minIsr == null ? 1 : Integer.parseInt(minIsr.value())));
        }
        return new TopicReplicas(brokers, read);
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }
}
