package io.useranalytics.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one) running in this JVM and
 * listening on 127.0.0.1 only: a cluster of its own, or one node of a cluster whose nodes know each
 * other's controller ports. It can be stopped and started again on the same log directory and
 * ports, keeping its topics, records and committed offsets.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";

    private final Path logDir;
    private final ListenerPorts ports;
    private final Map<String, String> settings;
    private final boolean deleteOnClose;
    private final Optional<SecureListener> secureListener;
    private final ClusterMembership membership;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(
            Path logDir,
            ListenerPorts ports,
            Map<String, String> settings,
            boolean deleteOnClose,
            Optional<SecureListener> secureListener) {
        this(
                logDir,
                ports,
                settings,
                deleteOnClose,
                secureListener,
                ClusterMembership.alone(HOST, ports.controller()));
    }

    private EmbeddedKafkaBroker(
            Path logDir,
            ListenerPorts ports,
            Map<String, String> settings,
            boolean deleteOnClose,
            Optional<SecureListener> secureListener,
            ClusterMembership membership) {
        this.logDir = Objects.requireNonNull(logDir, "logDir == null");
        this.ports = Objects.requireNonNull(ports, "ports == null");
        this.membership = Objects.requireNonNull(membership, "membership == null");
        this.settings = Map.copyOf(settings);
        this.deleteOnClose = deleteOnClose;
        this.secureListener = Objects.requireNonNull(secureListener, "secureListener == null");
    }

    /**
     * A broker in {@code logDir} (kept after close); port 0 picks a free port, never the other
     * listener's.
     *
     * @throws IllegalArgumentException if both ports are the same non-zero port
     */
    public static EmbeddedKafkaBroker inDirectory(Path logDir, int port, int controllerPort) {
        return new EmbeddedKafkaBroker(
                logDir,
                ListenerPorts.choose(HOST, port, controllerPort),
                Map.of(),
                false,
                Optional.empty());
    }

    /**
     * Node {@code membership.nodeId()} of a cluster, listening for clients on {@code port} and for
     * the other controllers on {@code controllerPort} (the port {@code membership} names for it),
     * keeping its data in {@code logDir}; {@code settings} override ours (replication factors).
     */
    public static EmbeddedKafkaBroker clusterNode(
            Path logDir,
            int port,
            int controllerPort,
            ClusterMembership membership,
            Map<String, String> settings) {
        return new EmbeddedKafkaBroker(
                logDir,
                new ListenerPorts(port, controllerPort),
                settings,
                false,
                Optional.empty(),
                membership);
    }

    /** A throw-away broker on free ports whose data is deleted on close: for tests. */
    public static EmbeddedKafkaBroker temporary() {
        return temporary(Map.of());
    }

    /**
     * A throw-away broker whose broker settings {@code settings} override ours, e.g. a short {@code
     * log.retention.check.interval.ms} for a test of retention.
     */
    public static EmbeddedKafkaBroker temporary(Map<String, String> settings) {
        return temporary(settings, Optional.empty());
    }

    /**
     * A throw-away broker that also serves {@code secure}, configured by {@code settings} (its key
     * store, SASL mechanisms): for tests of TLS and SASL clients.
     */
    public static EmbeddedKafkaBroker temporary(
            Map<String, String> settings, SecureListener secure) {
        return temporary(settings, Optional.of(secure));
    }

    private static EmbeddedKafkaBroker temporary(
            Map<String, String> settings, Optional<SecureListener> secure) {
        try {
            return new EmbeddedKafkaBroker(
                    Files.createTempDirectory("embedded-kafka-"),
                    ListenerPorts.choose(HOST, 0, 0),
                    settings,
                    true,
                    secure);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary log directory", e);
        }
    }

    /** Formats the log directory on first use, then starts; returns once the broker serves. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format();
        }
        long started = System.nanoTime();
        KafkaRaftServer raftServer =
                new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties(), false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
        log.info(
                "embedded Kafka broker serving at {} (log dir {}) after {} ms",
                bootstrapServers(),
                logDir,
                (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /** Stops the broker and keeps its data, so that {@link #start()} can bring it back. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    public String bootstrapServers() {
        return HOST + ":" + ports.client();
    }

    /**
     * @throws IllegalStateException if this broker has no secure listener
     */
    public String secureBootstrapServers() {
        return HOST
                + ":"
                + secureListener
                        .orElseThrow(() -> new IllegalStateException("no secure listener"))
                        .port();
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            deleteRecursively(logDir);
        }
    }

    private void format() {
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(membership.nodeId())
                    .setClusterId(membership.clusterId())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir, e);
        }
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(membership.nodeId()));
        props.put("controller.quorum.voters", membership.voters());
        String plaintext = "PLAINTEXT://" + HOST + ":" + ports.client();
        String secure =
                secureListener
                        .map(listener -> ",SECURE://" + HOST + ":" + listener.port())
                        .orElse("");
        props.put(
                "listeners",
                plaintext + secure + ",CONTROLLER://" + HOST + ":" + ports.controller());
        props.put("advertised.listeners", plaintext + secure);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                        + secureListener
                                .map(listener -> ",SECURE:" + listener.protocol())
                                .orElse(""));
        props.put("log.dirs", logDir.toString());
        String replicas = Integer.toString(membership.replicas());
        String minInSync = Integer.toString(membership.minInSyncReplicas());
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minInSync);
        props.put("offsets.topic.replication.factor", replicas);
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minInSync);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minInSync);
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        // The default (128 MiB, on the heap per broker) needs a large heap for nothing here.
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        props.putAll(settings);
        return props;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}", dir, e);
        }
    }
}
