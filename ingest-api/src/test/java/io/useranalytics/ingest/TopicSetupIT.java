package io.useranalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.common.kafka.TopicSetup;
import io.useranalytics.testsupport.RealKafka;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The topic set-up every service runs at start, against a real broker. */
class TopicSetupIT {
    @RegisterExtension static final RealKafka kafka = new RealKafka();

    @Test
    void creates_a_missing_topic_with_the_partitions_asked_each_ready_for_sends() throws Exception {
        TopicSetup.ensure(kafka.bootstrapServers(), Map.of("setup.fresh", 6));

        assertThat(partitionsOf("setup.fresh")).isEqualTo(6);
        try (var producer = kafka.producer()) {
            for (int partition = 0; partition < 6; partition++) {
                producer.send(new ProducerRecord<>("setup.fresh", partition, null, new byte[] {1}))
                        .get(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void leaves_an_existing_topic_as_it_is() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("setup.existing", 2, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }

        TopicSetup.ensure(kafka.bootstrapServers(), Map.of("setup.existing", 6));

        assertThat(partitionsOf("setup.existing")).isEqualTo(2);
    }

    private static int partitionsOf(String topic) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        }
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
