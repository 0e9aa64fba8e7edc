package io.useranalytics.common.kafka;

import io.useranalytics.common.health.ReadinessCheck;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Tells whether the Kafka cluster answers, by asking it to describe itself within a timeout, and
 * says so when it refuses this service's credentials.
 */
public final class KafkaReadiness implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final KafkaConnection connection;

    public KafkaReadiness(KafkaConnection connection, String clientId) {
        this.connection = connection;
        Map<String, Object> settings = connection.settings(clientId + "-readiness");
        settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(settings);
    }

    public ReadinessCheck check() {
        return new ReadinessCheck("kafka", this::blocker);
    }

    private Optional<String> blocker() {
        try {
            boolean answered =
                    !admin.describeCluster(
                                    new DescribeClusterOptions()
                                            .timeoutMs((int) TIMEOUT.toMillis()))
                            .nodes()
                            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .isEmpty();
            return answered ? Optional.empty() : Optional.of("cannot reach kafka");
        } catch (ExecutionException e) {
            return Optional.of(KafkaRefusal.explain(e, connection).orElse("cannot reach kafka"));
        } catch (TimeoutException e) {
            return Optional.of("cannot reach kafka");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("cannot reach kafka");
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
