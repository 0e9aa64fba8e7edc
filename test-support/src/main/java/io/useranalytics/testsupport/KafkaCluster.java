package io.useranalytics.testsupport;

import static org.awaitility.Awaitility.await;

import io.useranalytics.embedded.ClusterMembership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka cluster of three KRaft nodes (each broker and controller), each in an OS process of
 * its own on 127.0.0.1, for one test class: register it as a static field with
 * {@code @RegisterExtension}. Topics get three replicas and min.insync.replicas 2, as a production
 * cluster should (the embedded broker's defaults for a cluster of three). A node can be killed
 * (SIGKILL), stopped (SIGTERM: a controlled shutdown) and started again on its data.
 */
public final class KafkaCluster implements BeforeAllCallback, AfterAllCallback {
    private static final int NODES = 3;
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Map<String, String> brokerSettings;
    private final Map<Integer, ClusterNode> nodes = new HashMap<>();
    private Path dir;

    public KafkaCluster() {
        this(Map.of());
    }

    /** A cluster whose broker settings {@code brokerSettings} override the cluster's. */
    public KafkaCluster(Map<String, String> brokerSettings) {
        this.brokerSettings = Map.copyOf(brokerSettings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("kafka-cluster-");
        String clusterId = ClusterMembership.newClusterId();
        List<int[]> ports = new ArrayList<>();
        StringBuilder voters = new StringBuilder();
        for (int id = 1; id <= NODES; id++) {
            int[] pair = {ServiceJar.freePort(), ServiceJar.freePort()};
            ports.add(pair);
            voters.append(voters.length() == 0 ? "" : ",")
                    .append(id)
                    .append("@127.0.0.1:")
                    .append(pair[1]);
        }
        for (int id = 1; id <= NODES; id++) {
            int[] pair = ports.get(id - 1);
            nodes.put(
                    id,
                    new ClusterNode(
                            id,
                            pair[0],
                            environment(id, clusterId, voters.toString(), pair[0], pair[1])));
        }
        nodes.values().forEach(ClusterNode::start);
        awaitServing(nodes.keySet());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        nodes.values().forEach(ClusterNode::kill);
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Every node's client address, as a client's bootstrap list. */
    public String bootstrapServers() {
        return nodes.values().stream()
                .sorted(Comparator.comparingInt(ClusterNode::id))
                .map(node -> "127.0.0.1:" + node.port())
                .collect(Collectors.joining(","));
    }

    /** The node that leads {@code partition} of {@code topic} now. */
    public int leaderOf(String topic, int partition) {
        return describe(topic).partitions().get(partition).leader().id();
    }

    /**
     * The node whose controller leads the metadata quorum now: killing it costs an election besides
     * the broker's session timeout.
     */
    public int activeController() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the metadata quorum", e);
        }
    }

    /** Ends node {@code id} with SIGKILL, as a crash or an out-of-memory kill would. */
    public void kill(int id) {
        nodes.get(id).kill();
    }

    /** Ends node {@code id} with SIGTERM: it hands its partitions over, then exits. */
    public void stop(int id) {
        nodes.get(id).stop();
    }

    /** Starts node {@code id} again on its data and waits until the cluster counts it. */
    public void start(int id) {
        nodes.get(id).start();
        awaitServing(Set.of(id));
    }

    /** Waits until every partition of {@code topics} has all its replicas in sync again. */
    public void awaitInSync(Collection<String> topics) {
        await().atMost(STARTUP)
                .ignoreExceptions()
                .until(
                        () -> {
                            try (Admin admin = admin()) {
                                return admin
                                        .describeTopics(topics)
                                        .allTopicNames()
                                        .get(10, TimeUnit.SECONDS)
                                        .values()
                                        .stream()
                                        .flatMap(topic -> topic.partitions().stream())
                                        .allMatch(KafkaCluster::isInSync);
                            }
                        });
    }

    public Admin admin() {
        return Admin.create(
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    private TopicDescription describe(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe topic " + topic, e);
        }
    }

    private static boolean isInSync(TopicPartitionInfo partition) {
        return partition.isr().size() == partition.replicas().size();
    }

    private void awaitServing(Set<Integer> ids) {
        await().atMost(STARTUP)
                .ignoreExceptions()
                .until(
                        () -> {
                            try (Admin admin = admin()) {
                                Set<Integer> serving =
                                        admin
                                                .describeCluster()
                                                .nodes()
                                                .get(10, TimeUnit.SECONDS)
                                                .stream()
                                                .map(Node::id)
                                                .collect(Collectors.toSet());
                                return serving.containsAll(ids);
                            }
                        });
    }

    private Map<String, String> environment(
            int id, String clusterId, String voters, int port, int controllerPort)
            throws IOException {
        Path logDir = Files.createDirectories(dir.resolve("node-" + id));
        return Map.of(
                KafkaNodeMain.NODE_ID, Integer.toString(id),
                KafkaNodeMain.CLUSTER_ID, clusterId,
                KafkaNodeMain.VOTERS, voters,
                KafkaNodeMain.LOG_DIR, logDir.toString(),
                KafkaNodeMain.PORT, Integer.toString(port),
                KafkaNodeMain.CONTROLLER_PORT, Integer.toString(controllerPort),
                KafkaNodeMain.SETTINGS, KafkaNodeMain.lines(brokerSettings));
    }

    /** One node's process; state is the job, touched by the test's thread only. */
    private static final class ClusterNode {
        private final int id;
        private final int port;
        private final Map<String, String> environment;
        private Process process;

        ClusterNode(int id, int port, Map<String, String> environment) {
            this.id = id;
            this.port = port;
            this.environment = environment;
        }

        int id() {
            return id;
        }

        int port() {
            return port;
        }

        void start() {
            if (process != null && process.isAlive()) {
                return;
            }
            process =
                    ServiceJar.startClass(
                            KafkaNodeMain.class.getName(), environment, "kafka-node-" + id);
        }

        void kill() {
            end(process == null ? null : process.destroyForcibly());
        }

        void stop() {
            if (process != null) {
                process.destroy();
            }
            end(process);
        }

        private void end(Process ending) {
            if (ending == null) {
                return;
            }
            try {
                if (!ending.waitFor(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Kafka node " + id + " did not end in 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while ending Kafka node " + id, e);
            }
        }
    }
}
