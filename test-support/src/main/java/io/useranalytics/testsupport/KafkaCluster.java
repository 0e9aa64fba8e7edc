package io.useranalytics.testsupport;

import static org.awaitility.Awaitility.await;

import io.useranalytics.embedded.ClusterMembership;
import io.useranalytics.harness.ServiceJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
import org.awaitility.core.ConditionTimeoutException;
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
    private static final int LOG_TAIL = 15;

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

    /**
     * Starts the three nodes. The cluster's own start is not what a test here is about: a start
     * that fails (a node that exits, say on a port taken meanwhile, or no quorum in time) is told
     * on stderr with each node's log and tried once more on new ports.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        try {
            startNodes();
        } catch (IllegalStateException firstTry) {
            System.err.println(
                    "KafkaCluster: starting again on new ports; " + firstTry.getMessage());
            afterAll(context);
            startNodes();
        }
    }

    private void startNodes() throws IOException {
        dir = Files.createTempDirectory("kafka-cluster-");
        nodes.clear();
        String clusterId = ClusterMembership.newClusterId();
        List<Integer> ports = distinctFreePorts(2 * NODES);
        StringBuilder voters = new StringBuilder();
        for (int id = 1; id <= NODES; id++) {
            voters.append(voters.length() == 0 ? "" : ",")
                    .append(id)
                    .append("@127.0.0.1:")
                    .append(controllerPort(ports, id));
        }
        for (int id = 1; id <= NODES; id++) {
            int port = clientPort(ports, id);
            nodes.put(
                    id,
                    new ClusterNode(
                            id,
                            port,
                            environment(
                                    id,
                                    clusterId,
                                    voters.toString(),
                                    port,
                                    controllerPort(ports, id))));
        }
        nodes.values().forEach(ClusterNode::start);
        awaitServing(nodes.keySet());
    }

    private static int clientPort(List<Integer> ports, int id) {
        return ports.get(2 * (id - 1));
    }

    private static int controllerPort(List<Integer> ports, int id) {
        return ports.get(2 * (id - 1) + 1);
    }

    /** Free ports, no two alike: the system may hand out a port it just handed out. */
    private static List<Integer> distinctFreePorts(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (int tries = 0; ports.size() < count && tries < 10 * count; tries++) {
            ports.add(ServiceJar.freePort());
        }
        if (ports.size() < count) {
            throw new IllegalStateException("no " + count + " distinct free ports: " + ports);
        }
        return List.copyOf(ports);
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
        try {
            await().atMost(STARTUP).until(() -> isInSync(topics));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(
                    "topics "
                            + topics
                            + " still have replicas out of sync after "
                            + STARTUP
                            + "; "
                            + states(),
                    e);
        }
    }

    private boolean isInSync(Collection<String> topics) {
        try (Admin admin = admin()) {
            return admin
                    .describeTopics(topics)
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .values()
                    .stream()
                    .flatMap(topic -> topic.partitions().stream())
                    .allMatch(KafkaCluster::isInSync);
        } catch (Exception e) {
            return false;
        }
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
        try {
            await().atMost(STARTUP).until(() -> isServing(ids));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(
                    "Kafka nodes "
                            + ids
                            + " are not all serving after "
                            + STARTUP
                            + "; "
                            + states(),
                    e);
        }
    }

    private boolean isServing(Set<Integer> ids) {
        ids.forEach(id -> nodes.get(id).requireAlive());
        try (Admin admin = admin()) {
            Set<Integer> serving =
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                            .map(Node::id)
                            .collect(Collectors.toSet());
            return serving.containsAll(ids);
        } catch (Exception e) {
            return false;
        }
    }

    /** Each node's state and the end of its latest log, for a failure that says why. */
    private String states() {
        return nodes.values().stream()
                .sorted(Comparator.comparingInt(ClusterNode::id))
                .map(ClusterNode::state)
                .collect(Collectors.joining("\n", "nodes:\n", ""));
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
        private int starts;

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
            starts++;
            process = ServiceJar.startClass(KafkaNodeMain.class.getName(), environment, logName());
        }

        /**
         * Each start writes a log of its own: a restart must not overwrite why the last run ended.
         */
        private String logName() {
            return "kafka-node-" + id + "-start-" + starts;
        }

        void requireAlive() {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Kafka node exited while awaited; " + state());
            }
        }

        String state() {
            String running =
                    process == null
                            ? "never started"
                            : process.isAlive()
                                    ? "running (pid " + process.pid() + ")"
                                    : "exited with code " + process.exitValue();
            return "node " + id + " on port " + port + ": " + running + ", " + logTail();
        }

        private String logTail() {
            Path log = ServiceJar.log(logName());
            try (Stream<String> lines = Files.lines(log)) {
                List<String> all = lines.toList();
                return log.toAbsolutePath()
                        + " ends:\n  "
                        + String.join(
                                "\n  ",
                                all.subList(Math.max(0, all.size() - LOG_TAIL), all.size()));
            } catch (IOException | UncheckedIOException e) {
                return "no log at " + log.toAbsolutePath();
            }
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
