package io.useranalytics.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a service's built jar as an OS process of its own, logging to target/. */
public final class ServiceJar {
    private static final String DEFAULT_HEAP = "256m";

    /** JVM options of a service besides its heap: the same as its Dockerfile's ENTRYPOINT. */
    private static final Map<String, List<String>> JVM_OPTIONS =
            Map.of(
                    "ingest-api", List.of("-XX:+ExitOnOutOfMemoryError"),
                    "writer", List.of("-XX:+ExitOnOutOfMemoryError", "-XX:+UseParallelGC"),
                    "query-api", List.of("-XX:+ExitOnOutOfMemoryError"));

    private ServiceJar() {}

    public static Process start(String service, Map<String, String> env, String logName) {
        return start(service, env, logName, DEFAULT_HEAP);
    }

    /** With a maximum heap of its own, e.g. {@code 64m}, to show what a service needs. */
    public static Process start(
            String service, Map<String, String> env, String logName, String maxHeap) {
        Path jar = jar(service);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build it first (mvn -DskipTests package)");
        }
        List<String> what = new ArrayList<>(jvmOptions(service));
        what.addAll(List.of("-jar", jar.toString()));
        return launch(what, env, logName, maxHeap);
    }

    /**
     * What {@code service} runs with besides its heap size, in its image and here: a JVM out of
     * memory exits (and is restarted) instead of limping on with threads that died.
     */
    public static List<String> jvmOptions(String service) {
        return JVM_OPTIONS.getOrDefault(service, List.of());
    }

    /** Runs {@code mainClass} from this JVM's own class path in a process of its own. */
    public static Process startClass(String mainClass, Map<String, String> env, String logName) {
        return launch(
                List.of("-cp", System.getProperty("java.class.path"), mainClass),
                env,
                logName,
                DEFAULT_HEAP);
    }

    private static Process launch(
            List<String> what, Map<String, String> env, String logName, String maxHeap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.addAll(what);
        ProcessBuilder builder = new ProcessBuilder(command);
        // Every service listens somewhere (the writer for /metrics): never on a shared default.
        builder.environment().put("HTTP_PORT", Integer.toString(freePort()));
        builder.environment().putAll(env);
        Path log = log(logName);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * The built jar of {@code service}, found from the working directory upwards: Maven runs tests
     * in a module's folder, a person runs the bench from the repository root.
     */
    public static Path jar(String service) {
        Path relative = Path.of(service, "target", service + ".jar");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return Path.of("..").resolve(relative);
    }

    public static Path log(String logName) {
        return Path.of("target", logName + ".log");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
