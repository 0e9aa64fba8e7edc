package io.useranalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.useranalytics.testsupport.ServiceJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each image starts its service with the JVM options the tests and the bench start it with, so what
 * the bench measures is what the image runs.
 */
class DockerfileTest {
    @ParameterizedTest
    @ValueSource(strings = {"ingest-api", "writer", "query-api"})
    void the_image_runs_the_service_as_tests_and_bench_do(String service) throws IOException {
        List<String> expected = new ArrayList<>(List.of("java", "-Xmx256m"));
        expected.addAll(ServiceJar.jvmOptions(service));
        expected.addAll(List.of("-jar", "/app/" + service + ".jar"));

        assertThat(entrypointOf(service)).isEqualTo(expected);
    }

    private static List<String> entrypointOf(String service) throws IOException {
        String entrypoint =
                Files.readAllLines(Path.of("..", service, "Dockerfile")).stream()
                        .filter(line -> line.startsWith("ENTRYPOINT "))
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError(service + "/Dockerfile has no ENTRYPOINT"))
                        .substring("ENTRYPOINT ".length());
        return new ObjectMapper().readValue(entrypoint, new TypeReference<List<String>>() {});
    }
}
