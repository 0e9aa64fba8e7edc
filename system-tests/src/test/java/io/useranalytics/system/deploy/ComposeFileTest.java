package io.useranalytics.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.useranalytics.common.config.Env;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docker-compose.yml sets only variables the services read, and every one they need there. */
class ComposeFileTest {
    /** Variables whose local default (127.0.0.1, no password) cannot work inside a container. */
    private static final Map<String, Set<String>> NEEDED_IN_CONTAINERS =
            Map.of(
                    "ingest-api", Set.of("HTTP_HOST", "HTTP_PORT", "KAFKA_BOOTSTRAP_SERVERS"),
                    "writer",
                            Set.of(
                                    "HTTP_HOST",
                                    "HTTP_PORT",
                                    "KAFKA_BOOTSTRAP_SERVERS",
                                    "DATABASE_URL",
                                    "DATABASE_USER",
                                    "DATABASE_PASSWORD"),
                    "query-api",
                            Set.of(
                                    "HTTP_HOST",
                                    "HTTP_PORT",
                                    "DATABASE_URL",
                                    "DATABASE_USER",
                                    "DATABASE_PASSWORD"));

    private final JsonNode compose = read();

    @ParameterizedTest
    @ValueSource(strings = {"ingest-api", "writer", "query-api"})
    void sets_only_variables_the_service_reads_and_all_it_needs(String service) {
        Map<String, String> environment = environmentOf(service);

        Set<String> read = ConfigVariables.readBy(service, new Env(environment));

        assertThat(read).containsAll(environment.keySet());
        assertThat(environment.keySet()).containsAll(NEEDED_IN_CONTAINERS.get(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-api", "writer", "query-api"})
    void points_services_at_the_compose_broker_and_database(String service) {
        Map<String, String> environment = environmentOf(service);

        environment.computeIfPresent(
                "KAFKA_BOOTSTRAP_SERVERS",
                (k, v) -> {
                    assertThat(v).isEqualTo("kafka:9092");
                    return v;
                });
        environment.computeIfPresent(
                "DATABASE_URL",
                (k, v) -> {
                    assertThat(v).startsWith("jdbc:postgresql://timescaledb:5432/");
                    return v;
                });
        assertThat(compose.path("services").has("kafka")).isTrue();
        assertThat(compose.path("services").path("timescaledb").path("image").asText())
                .startsWith("timescale/timescaledb:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-api", "writer", "query-api"})
    void healthchecks_ask_for_readiness_so_dependents_wait_for_kafka_and_the_database(
            String service) {
        JsonNode test = compose.path("services").path(service).path("healthcheck").path("test");

        assertThat(test.toString()).contains("http://localhost:8080/health/ready");
    }

    @org.junit.jupiter.api.Test
    void runs_the_kafka_release_of_the_services_client() throws IOException {
        java.util.regex.Matcher version =
                java.util.regex.Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                        .matcher(java.nio.file.Files.readString(Path.of("..", "pom.xml")));

        assertThat(version.find()).isTrue();
        assertThat(compose.path("services").path("kafka").path("image").asText())
                .isEqualTo("apache/kafka:" + version.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-api", "writer", "query-api"})
    void gives_each_service_a_memory_limit_its_heap_is_sized_by(String service) {
        assertThat(compose.path("services").path(service).path("mem_limit").asText())
                .matches("\\d+m");
    }

    @ParameterizedTest
    @CsvSource({"kafka, KAFKA_LOG_DIRS", "timescaledb, PGDATA"})
    void keeps_each_stateful_services_data_on_a_named_volume(
            String service, String dataDirVariable) {
        JsonNode node = compose.path("services").path(service);
        String dataDir = node.path("environment").path(dataDirVariable).asText();
        List<String> mounts = new ArrayList<>();
        node.path("volumes").forEach(volume -> mounts.add(volume.asText()));

        assertThat(dataDir).as("%s sets %s", service, dataDirVariable).startsWith("/");
        assertThat(mounts)
                .as("volumes of %s", service)
                .anySatisfy(
                        mount -> {
                            String[] parts = mount.split(":");
                            assertThat(compose.path("volumes").has(parts[0])).isTrue();
                            assertThat(parts[1]).isEqualTo(dataDir);
                        });
    }

    private Map<String, String> environmentOf(String service) {
        JsonNode node = compose.path("services").path(service).path("environment");
        assertThat(node.isObject()).as("services.%s.environment is a map", service).isTrue();
        Map<String, String> environment = new HashMap<>();
        node.fields()
                .forEachRemaining(
                        field ->
                                environment.put(
                                        field.getKey(),
                                        unsetShellDefault(field.getValue().asText())));
        return environment;
    }

    /** What compose makes of {@code ${NAME:-default}} when the shell does not set NAME. */
    private static String unsetShellDefault(String value) {
        return value.replaceAll("^\\$\\{[A-Z_]+:-(.*)}$", "$1");
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory())
                    .readTree(Path.of("..", "docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read docker-compose.yml", e);
        }
    }
}
