package io.useranalytics.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.useranalytics.harness.ServiceJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each image starts its service with the JVM options the tests and the bench start it with (only
 * the heap is sized differently: by the container's memory limit there, by -Xmx here), and builds
 * so that a change of sources does not download the dependencies again.
 */
class DockerfileTest {
    @ParameterizedTest
    @ValueSource(strings = {"ingest-api", "writer", "query-api"})
    void the_image_runs_the_service_as_tests_and_bench_do(String service) throws IOException {
        List<String> expected = new ArrayList<>(List.of("java", "-XX:MaxRAMPercentage=75"));
        expected.addAll(ServiceJar.jvmOptions(service));
        expected.addAll(List.of("-jar", "/app/" + service + ".jar"));

        assertThat(entrypointOf(service)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-api", "writer", "query-api"})
    void every_pom_and_the_dependencies_come_before_the_sources(String service) throws IOException {
        List<String> lines = Files.readAllLines(dockerfile(service));
        List<String> pomCopies = new ArrayList<>();
        for (String module : modules()) {
            pomCopies.add("COPY " + module + "/pom.xml " + module + "/");
        }
        int dependencies =
                lines.indexOf("RUN mvn -B -q -pl " + service + " -am dependency:go-offline");
        int sources = lines.indexOf("COPY . .");

        assertThat(lines).contains("COPY pom.xml ./").containsAll(pomCopies);
        assertThat(dependencies).as("the go-offline layer").isPositive();
        assertThat(sources).isGreaterThan(dependencies);
        for (String copy : pomCopies) {
            assertThat(lines.indexOf(copy)).isLessThan(dependencies);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-api", "writer", "query-api"})
    void the_image_exposes_its_port_and_checks_readiness(String service) throws IOException {
        String dockerfile = Files.readString(dockerfile(service));

        assertThat(dockerfile)
                .contains("\nEXPOSE 8080\n")
                .contains("ENV HTTP_HOST=0.0.0.0 HTTP_PORT=8080")
                .containsPattern(
                        "HEALTHCHECK [^\\n]*\\\\\\n\\s+CMD curl -fsS http://localhost:8080/health/ready");
    }

    private static List<String> modules() throws IOException {
        Matcher module =
                Pattern.compile("<module>([^<]+)</module>")
                        .matcher(Files.readString(Path.of("..", "pom.xml")));
        List<String> modules = new ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertThat(modules).isNotEmpty();
        return modules;
    }

    private static Path dockerfile(String service) {
        return Path.of("..", service, "Dockerfile");
    }

    private static List<String> entrypointOf(String service) throws IOException {
        String entrypoint =
                Files.readAllLines(dockerfile(service)).stream()
                        .filter(line -> line.startsWith("ENTRYPOINT "))
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError(service + "/Dockerfile has no ENTRYPOINT"))
                        .substring("ENTRYPOINT ".length());
        return new ObjectMapper().readValue(entrypoint, new TypeReference<List<String>>() {});
    }
}
