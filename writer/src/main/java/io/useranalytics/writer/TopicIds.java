package io.useranalytics.writer;

import io.useranalytics.common.kafka.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/** Asks the broker for a topic's id, which changes when the topic is created anew. */
final class TopicIds implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;

    TopicIds(KafkaConnection connection) {
        this.admin = Admin.create(connection.settings("writer-topic-ids"));
    }

    /**
     * @throws KafkaException if the broker does not say in time
     */
    String idOf(String topic) {
        try {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic)
                    .topicId()
                    .toString();
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot read the id of topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while reading the id of topic " + topic, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
