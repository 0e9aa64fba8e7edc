package io.useranalytics.common.kafka;

import io.useranalytics.common.config.InvalidConfigException;
import io.useranalytics.common.health.DependencyUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service needs when they are missing, never changing existing ones, and
 * returns once every partition's leader serves it. A producer sending to a partition whose leader
 * was not ready yet got NOT_LEADER_OR_FOLLOWER, and its retried batch was then refused as out of
 * order until the delivery timeout (KAFKA-15591): every request in that time failed.
 */
public final class TopicSetup {
    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {}

    /** Against a plaintext broker, e.g. the embedded one. */
    public static void ensure(String bootstrapServers, Map<String, Integer> partitionsByTopic) {
        ensure(KafkaConnection.plaintext(bootstrapServers), partitionsByTopic);
    }

    /**
     * With the broker's default replication factor.
     *
     * @throws InvalidConfigException if Kafka refuses the credentials or the rights
     * @throws DependencyUnavailableException if Kafka does not answer within 30 s
     */
    public static void ensure(KafkaConnection connection, Map<String, Integer> partitionsByTopic) {
        ensure(connection, partitionsByTopic, KafkaConfig.BROKER_DEFAULT, Duration.ofSeconds(30));
    }

    /**
     * Missing topics are created with {@code replicationFactor} replicas (-1: the broker's
     * default); then logs one WARN for topics a cluster of three or more brokers keeps with fewer
     * than three replicas or min.insync.replicas below two ({@link ReplicationAdvice}).
     */
    public static void ensure(
            KafkaConnection connection,
            Map<String, Integer> partitionsByTopic,
            short replicationFactor) {
        ensure(connection, partitionsByTopic, replicationFactor, Duration.ofSeconds(30));
    }

    /** As above, giving up after {@code wait}. */
    public static void ensure(
            KafkaConnection connection,
            Map<String, Integer> partitionsByTopic,
            short replicationFactor,
            Duration wait) {
        Map<String, Object> settings = connection.settings("topic-setup");
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) wait.toMillis());
        // The admin refuses an API timeout shorter than its request timeout (30 s by default).
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) wait.toMillis());
        try (Admin admin = Admin.create(settings)) {
            Set<String> existing =
                    admin.listTopics().names().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing =
                    partitionsByTopic.entrySet().stream()
                            .filter(entry -> !existing.contains(entry.getKey()))
                            .map(
                                    entry ->
                                            new NewTopic(
                                                    entry.getKey(),
                                                    entry.getValue(),
                                                    replicationFactor))
                            .toList();
            if (!missing.isEmpty()) {
                create(admin, missing);
            }
            awaitLeaders(admin, partitionsByTopic.keySet());
            adviseOnReplication(admin, partitionsByTopic.keySet(), wait);
        } catch (ExecutionException e) {
            KafkaRefusal.explain(e, connection)
                    .ifPresent(
                            refusal -> {
                                throw new InvalidConfigException(List.of(refusal));
                            });
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                // The admin's own timeout, which may come just before ours.
                throw unanswered(connection, wait, e.getCause());
            }
            throw new IllegalStateException(
                    "cannot set up topics "
                            + partitionsByTopic.keySet()
                            + " on "
                            + connection.describe()
                            + ": "
                            + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw unanswered(connection, wait, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Advice only: a role that may not describe the cluster or the topics' configs (ACLs) starts
     * all the same.
     */
    private static void adviseOnReplication(Admin admin, Set<String> topics, Duration wait)
            throws InterruptedException {
        try {
            ReplicationAdvice.read(admin, topics, wait).ifPresent(advice -> log.warn("{}", advice));
        } catch (ExecutionException | TimeoutException e) {
            log.info("cannot read how topics {} are replicated: {}", topics, e.toString());
        }
    }

    private static DependencyUnavailableException unanswered(
            KafkaConnection connection, Duration wait, Throwable cause) {
        return new DependencyUnavailableException(
                "Kafka at "
                        + connection.describe()
                        + " did not answer within "
                        + wait.toSeconds()
                        + " s: check that it runs, KAFKA_BOOTSTRAP_SERVERS, and that"
                        + " KAFKA_SECURITY_PROTOCOL is the protocol of that listener",
                cause);
    }

    private static void create(Admin admin, List<NewTopic> missing)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            log.info("created topics {}", missing);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * Asks each partition's leader for its end offset until all answer, for at most 30 s. Right
     * after a topic is created the broker may not know it yet: describing it then fails with a
     * retriable error (UnknownTopicOrPartition, seen once in CI), which the admin client does not
     * retry itself.
     */
    private static void awaitLeaders(Admin admin, Set<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                askLeaders(admin, topics);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                log.debug("topics {} not ready yet: {}", topics, e.getCause().toString());
                Thread.sleep(100);
            }
        }
    }

    private static void askLeaders(Admin admin, Set<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (TopicDescription topic :
                admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                partitions.put(
                        new TopicPartition(topic.name(), partition.partition()),
                        OffsetSpec.latest());
            }
        }
        admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
    }
}
