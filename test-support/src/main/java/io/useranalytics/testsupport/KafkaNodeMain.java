package io.useranalytics.testsupport;

import io.useranalytics.embedded.ClusterMembership;
import io.useranalytics.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One node of a {@link KafkaCluster} in a process of its own, so that a test can SIGKILL it. Reads
 * its place in the cluster from the environment {@link KafkaCluster} gives it, serves until the
 * process ends, and shuts down cleanly (a controlled shutdown) on SIGTERM.
 */
public final class KafkaNodeMain {
    static final String NODE_ID = "KAFKA_NODE_ID";
    static final String CLUSTER_ID = "KAFKA_CLUSTER_ID";
    static final String VOTERS = "KAFKA_CONTROLLER_VOTERS";
    static final String LOG_DIR = "KAFKA_NODE_LOG_DIR";
    static final String PORT = "KAFKA_NODE_PORT";
    static final String CONTROLLER_PORT = "KAFKA_NODE_CONTROLLER_PORT";
    static final String SETTINGS = "KAFKA_NODE_SETTINGS";

    private KafkaNodeMain() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.clusterNode(
                        Path.of(env.get(LOG_DIR)),
                        Integer.parseInt(env.get(PORT)),
                        Integer.parseInt(env.get(CONTROLLER_PORT)),
                        new ClusterMembership(
                                Integer.parseInt(env.get(NODE_ID)),
                                env.get(CLUSTER_ID),
                                env.get(VOTERS)),
                        settings(env.get(SETTINGS)));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-node-stop"));
        broker.start();
        Thread.currentThread().join();
    }

    /** {@code key=value} lines, as {@link #lines(Map)} wrote them. */
    static Map<String, String> settings(String lines) {
        Map<String, String> settings = new HashMap<>();
        for (String line : lines.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                settings.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return settings;
    }

    static String lines(Map<String, String> settings) {
        StringBuilder lines = new StringBuilder();
        settings.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        return lines.toString();
    }
}
