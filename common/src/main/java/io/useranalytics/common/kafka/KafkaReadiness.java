package io.useranalytics.common.kafka;

import io.useranalytics.common.http.ReadinessCheck;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Tells whether the Kafka cluster answers, by asking it to describe itself within a timeout. */
public final class KafkaReadiness implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;

    public KafkaReadiness(String bootstrapServers, String clientId) {
        this.admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                AdminClientConfig.CLIENT_ID_CONFIG,
                                clientId + "-readiness",
                                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                                1000));
    }

    public ReadinessCheck check() {
        return ReadinessCheck.reachability("kafka", this::isReachable);
    }

    private boolean isReachable() {
        try {
            return !admin.describeCluster(
                            new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
