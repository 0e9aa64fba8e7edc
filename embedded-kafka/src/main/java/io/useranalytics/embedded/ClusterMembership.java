package io.useranalytics.embedded;

import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.Uuid;

/**
 * Which node of which KRaft cluster a broker is: its node id, the cluster's id (the same on every
 * node, written when a node's log directory is formatted) and the controller quorum, as Kafka's
 * {@code controller.quorum.voters} spells it ({@code 1@127.0.0.1:9093,2@127.0.0.1:9094,...}).
 */
public record ClusterMembership(int nodeId, String clusterId, String voters) {
    public ClusterMembership {
        Objects.requireNonNull(clusterId, "clusterId == null");
        Objects.requireNonNull(voters, "voters == null");
        if (Arrays.stream(voters.split(",")).noneMatch(voter -> voter.startsWith(nodeId + "@"))) {
            throw new IllegalArgumentException(
                    "node " + nodeId + " is not among the controller voters " + voters);
        }
    }

    /** How many nodes the cluster has: its controller voters. */
    public int size() {
        return voters.split(",").length;
    }

    /** Replicas of a topic the cluster creates itself (offsets, transactions): up to 3. */
    int replicas() {
        return Math.min(3, size());
    }

    /** In-sync replicas a write to those topics needs: 2 of 3, 1 when alone. */
    int minInSyncReplicas() {
        return Math.min(2, size());
    }

    /** A cluster of one node, node 1, with a new id. */
    static ClusterMembership alone(String host, int controllerPort) {
        return new ClusterMembership(
                1, Uuid.randomUuid().toString(), "1@" + host + ":" + controllerPort);
    }

    /** A new cluster id, for the first start of a cluster's nodes. */
    public static String newClusterId() {
        return Uuid.randomUuid().toString();
    }
}
