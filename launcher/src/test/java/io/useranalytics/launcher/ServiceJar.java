package io.useranalytics.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts a service's built jar as an OS process of its own, logging to target/. */
final class ServiceJar {
    private ServiceJar() {}

    static Process start(String service, Map<String, String> env, String logName) {
        Path jar = Path.of("..", service, "target", service + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar
                            + " is missing: the reactor builds it before this module's integration tests");
        }
        ProcessBuilder builder =
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        jar.toString());
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log(logName).toFile());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    static Path log(String logName) {
        return Path.of("target", logName + ".log");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
