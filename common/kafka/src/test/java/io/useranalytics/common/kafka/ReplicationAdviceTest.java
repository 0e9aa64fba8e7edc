package io.useranalytics.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.common.kafka.ReplicationAdvice.TopicReplication;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationAdviceTest {
    @Test
    void a_single_broker_is_no_cluster_and_gets_no_advice() {
        assertThat(ReplicationAdvice.of(1, List.of(new TopicReplication("t", 1, 1)))).isEmpty();
    }

    @Test
    void three_brokers_keeping_three_replicas_and_two_in_sync_are_fine() {
        assertThat(ReplicationAdvice.of(3, List.of(new TopicReplication("t", 3, 2)))).isEmpty();
    }

    @Test
    void names_each_topic_a_cluster_keeps_too_thinly() {
        assertThat(
                        ReplicationAdvice.of(
                                4,
                                List.of(
                                        new TopicReplication("analytics.events", 1, 1),
                                        new TopicReplication("analytics.events.dlq", 3, 1),
                                        new TopicReplication("fine", 3, 2))))
                .hasValue(
                        "a cluster of 4 brokers keeps analytics.events (1 replicas,"
                                + " min.insync.replicas 1), analytics.events.dlq (3 replicas,"
                                + " min.insync.replicas 1): one broker's death can lose"
                                + " acknowledged events or stop producing; keep 3 replicas and"
                                + " min.insync.replicas=2 (KAFKA_TOPIC_REPLICATION_FACTOR for the"
                                + " topics the services create)");
    }
}
