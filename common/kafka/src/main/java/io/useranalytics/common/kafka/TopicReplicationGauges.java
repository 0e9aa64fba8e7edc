package io.useranalytics.common.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports how the cluster holds the service's topics, read by {@link #read()} (call it every half
 * minute or so): {@code <service>_topic_under_replicated_partitions} (a replica out of sync or
 * dead) and {@code <service>_topic_under_min_isr_partitions} (produce with acks=all refused), by
 * topic. Unknown (NaN) while the cluster does not answer or the service may not describe it.
 */
public final class TopicReplicationGauges implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopicReplicationGauges.class);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Admin admin;
    private final List<String> topics;
    private final Map<String, Double> underReplicated = new ConcurrentHashMap<>();
    private final Map<String, Double> underMinInSync = new ConcurrentHashMap<>();

    public TopicReplicationGauges(
            KafkaConnection connection,
            String service,
            List<String> topics,
            MeterRegistry registry) {
        this.admin = Admin.create(connection.settings(service + "-topic-replication"));
        this.topics = List.copyOf(topics);
        for (String topic : topics) {
            underReplicated.put(topic, Double.NaN);
            underMinInSync.put(topic, Double.NaN);
            Gauge.builder(
                            service + ".topic.under.replicated.partitions",
                            underReplicated,
                            counts -> counts.get(topic))
                    .tag("topic", topic)
                    .description("partitions of the topic with a replica out of sync or dead")
                    .register(registry);
            Gauge.builder(
                            service + ".topic.under.min.isr.partitions",
                            underMinInSync,
                            counts -> counts.get(topic))
                    .tag("topic", topic)
                    .description("partitions of the topic that refuse produce with acks=all")
                    .register(registry);
        }
    }

    @Override
    public void run() {
        read();
    }

    /** Reads the topics' partitions now; on failure the gauges say unknown until the next read. */
    public void read() {
        try {
            TopicReplicas now = TopicReplicas.read(admin, topics, WAIT);
            now.topics()
                    .forEach(
                            (topic, state) -> {
                                underReplicated.put(topic, (double) state.underReplicated());
                                underMinInSync.put(topic, (double) state.underMinInSync());
                            });
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("cannot read how topics {} are replicated: {}", topics, e.toString());
            topics.forEach(
                    topic -> {
                        underReplicated.put(topic, Double.NaN);
                        underMinInSync.put(topic, Double.NaN);
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
