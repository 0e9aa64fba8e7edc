package io.useranalytics.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {
    private static final String HOST = "127.0.0.1";

    @Test
    void free_ports_for_both_listeners_are_never_the_same() {
        for (int i = 0; i < 2_000; i++) {
            ListenerPorts ports = ListenerPorts.choose(HOST, 0, 0);

            assertThat(ports.client()).isNotEqualTo(ports.controller()).isPositive();
        }
    }

    @Test
    void a_free_port_is_never_the_port_asked_for_the_other_listener() {
        int asked = ListenerPorts.choose(HOST, 0, 0).client();

        for (int i = 0; i < 500; i++) {
            assertThat(ListenerPorts.choose(HOST, asked, 0).controller()).isNotEqualTo(asked);
            assertThat(ListenerPorts.choose(HOST, 0, asked).client()).isNotEqualTo(asked);
        }
    }

    @Test
    void refuses_one_port_for_both_listeners() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.inDirectory(Path.of("unused"), 9092, 9092))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "the client and controller listeners need different ports, both are 9092");
    }

    @Test
    void brokers_started_one_after_another_on_port_zero_all_serve(@TempDir Path dir) {
        for (int i = 0; i < 6; i++) {
            try (EmbeddedKafkaBroker broker =
                    EmbeddedKafkaBroker.inDirectory(dir.resolve("b" + i), 0, 0).start()) {
                assertThat(clusterIdOf(broker)).isNotBlank();
            }
        }
    }

    private static String clusterIdOf(EmbeddedKafkaBroker broker) {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get();
        } catch (Exception e) {
            throw new AssertionError(
                    "broker at " + broker.bootstrapServers() + " does not answer", e);
        }
    }
}
