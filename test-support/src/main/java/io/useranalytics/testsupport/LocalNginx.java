package io.useranalytics.testsupport;

import io.useranalytics.harness.ServiceJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's nginx running a gateway configuration of ours, rewritten to listen on 127.0.0.1 and
 * to keep its logs and temporary files in a directory of its own. Tests check {@link
 * #isInstalled()} first and skip, saying why, where nginx is missing.
 */
public final class LocalNginx implements AutoCloseable {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Path dir;
    private final Process process;
    private final int port;

    private LocalNginx(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(NGINX);
    }

    /**
     * Starts nginx with {@code configuration} (an nginx.conf whose {@code http} block has one
     * server with {@code listen 8080;}), returning once it accepts connections.
     */
    public static LocalNginx start(String configuration) {
        try {
            Path dir = Files.createTempDirectory("nginx-");
            int port = ServiceJar.freePort();
            String local =
                    configuration
                            .replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
                            .replaceFirst(
                                    "(?m)^http \\{",
                                    "http {\n    access_log off;\n" + tempPaths(dir));
            if (local.equals(configuration)) {
                throw new IllegalArgumentException("no 'listen 8080;' or 'http {' to rewrite");
            }
            Path conf = Files.writeString(dir.resolve("nginx.conf"), local);
            Process process =
                    new ProcessBuilder(
                                    List.of(
                                            NGINX.toString(),
                                            "-p",
                                            dir.toString(),
                                            "-c",
                                            conf.toString(),
                                            "-g",
                                            "daemon off; pid "
                                                    + dir.resolve("nginx.pid")
                                                    + "; error_log "
                                                    + dir.resolve("error.log")
                                                    + " warn;"))
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("stdout.log").toFile())
                            .start();
            LocalNginx nginx = new LocalNginx(dir, process, port);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx", e);
        }
    }

    public int port() {
        return port;
    }

    /** What nginx logged, for a failing test's message. */
    public String errorLog() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private static String tempPaths(Path dir) {
        StringBuilder paths = new StringBuilder();
        for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            paths.append("    ")
                    .append(kind)
                    .append("_temp_path ")
                    .append(dir.resolve(kind))
                    .append(";\n");
        }
        return paths.toString();
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "nginx exited with "
                                + process.exitValue()
                                + ": "
                                + Files.readString(dir.resolve("stdout.log"))
                                + errorLog());
            }
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within 10 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for nginx", e);
        }
    }
}
