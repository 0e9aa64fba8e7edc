package io.useranalytics.bench;

import io.useranalytics.embedded.EmbeddedKafkaBroker;
import io.useranalytics.harness.ServiceJar;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the scenarios run against: an in-process broker, a database of the bench's own with a fresh
 * schema, and the services as child processes (-Xmx256m) whose peak RSS it reads.
 */
final class BenchEnvironment implements AutoCloseable {
    static final String SCHEMA = "bench";

    private final BenchOptions options;
    private final PrintStream out;
    private final EmbeddedKafkaBroker broker;
    private final Map<String, Process> services = new LinkedHashMap<>();
    private final Map<String, Double> earlierPeaks = new HashMap<>();

    private BenchEnvironment(BenchOptions options, PrintStream out, EmbeddedKafkaBroker broker) {
        this.options = options;
        this.out = out;
        this.broker = broker;
    }

    static BenchEnvironment start(BenchOptions options, PrintStream out) throws SQLException {
        prepareDatabase(options);
        return new BenchEnvironment(options, out, EmbeddedKafkaBroker.temporary().start());
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    Connection connect() throws SQLException {
        return connect(SCHEMA);
    }

    /** Drops {@code schema} of the bench database with all it holds, if it is there. */
    void dropSchema(String schema) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** A connection to the bench database with {@code schema} first on the search path. */
    Connection connect(String schema) throws SQLException {
        Connection connection =
                DriverManager.getConnection(options.databaseUrl(), options.databaseUser(), "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema + ", public");
        }
        return connection;
    }

    /** Starts a service jar (or, for "noop", the ceiling server) and waits until it is live. */
    int startService(String name, Map<String, String> extraEnv) throws InterruptedException {
        return startService(name, name, extraEnv);
    }

    /**
     * As above, as one of several instances of {@code service}, e.g. writer "writer-2" of four;
     * {@link #stopService}, {@link #cpuSeconds} and the log file go by {@code name}.
     */
    int startService(String service, String name, Map<String, String> extraEnv)
            throws InterruptedException {
        int port = ServiceJar.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("DATABASE_URL", options.databaseUrl());
        env.put("DATABASE_USER", options.databaseUser());
        env.put("DATABASE_SCHEMA", SCHEMA);
        env.put("LOG_LEVEL", "WARN");
        // The freshness markers are stamped in 2001, out of the way of the other scenarios' events:
        // the services keep everything, as the launcher does.
        for (String kept :
                List.of(
                        "EVENTS",
                        "SECOND_ROLLUPS",
                        "MINUTE_ROLLUPS",
                        "HOUR_ROLLUPS",
                        "DAY_ROLLUPS")) {
            env.put("RETENTION_" + kept + "_DAYS", "0");
        }
        env.putAll(extraEnv);
        Process process =
                service.equals("noop")
                        ? ServiceJar.startClass(NoopServer.class.getName(), env, "bench-noop")
                        : ServiceJar.start(service, env, "bench-" + name);
        services.put(name, process);
        awaitLive(name, port, process);
        return port;
    }

    /** Freezes a running service (SIGSTOP), e.g. while its next input is produced. */
    void pauseService(String name) throws InterruptedException, IOException {
        signal(name, "-STOP");
    }

    /** Lets a paused service run on (SIGCONT). */
    void resumeService(String name) throws InterruptedException, IOException {
        signal(name, "-CONT");
    }

    private void signal(String name, String signal) throws InterruptedException, IOException {
        Process kill =
                new ProcessBuilder("kill", signal, Long.toString(services.get(name).pid()))
                        .inheritIO()
                        .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + name + " failed");
        }
    }

    /** Stops a service; fails naming it if it had died before (its peak memory is then unknown). */
    void stopService(String name) throws InterruptedException, IOException {
        Process process = services.remove(name);
        if (process != null) {
            try {
                earlierPeaks.merge(name, vmHwmMib(name, process), Math::max);
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Peak resident set size (VmHWM) of a running service, in MiB, over its earlier runs too. */
    double peakRssMib(String name) throws IOException {
        return Math.max(vmHwmMib(name, services.get(name)), earlierPeaks.getOrDefault(name, 0.0));
    }

    private static double vmHwmMib(String name, Process process) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name
                            + " died during the run with exit code "
                            + process.exitValue()
                            + " (3 is the JVM's for OutOfMemoryError); see target/bench-"
                            + name
                            + ".log");
        }
        for (String line :
                Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmHWM for process " + process.pid());
    }

    /** CPU seconds this process (the bench, with the embedded broker) has used so far. */
    static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    /** CPU seconds a running service has used so far (user + system). */
    double cpuSeconds(String name) throws IOException {
        String stat =
                Files.readString(Path.of("/proc", Long.toString(services.get(name).pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** Stops every service still running, even after a failure, then the broker. */
    @Override
    public void close() throws InterruptedException, IOException {
        for (Process process : services.values()) {
            process.destroy();
        }
        for (Process process : services.values()) {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        services.clear();
        broker.close();
    }

    private void awaitLive(String name, int port, Process process) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name
                                + " exited with "
                                + process.exitValue()
                                + "; see target/bench-"
                                + name
                                + ".log");
            }
            try {
                HttpRequest probe =
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/health/live"))
                                .build();
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode()
                        == 200) {
                    out.printf("  %s is up on 127.0.0.1:%d%n", name, port);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not come up within 60 s");
    }

    private static void prepareDatabase(BenchOptions options) throws SQLException {
        String url = options.databaseUrl();
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String server = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection =
                        DriverManager.getConnection(server, options.databaseUser(), "");
                Statement statement = connection.createStatement()) {
            if (!statement
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")
                    .next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
        try (Connection connection = DriverManager.getConnection(url, options.databaseUser(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    static Duration elapsedSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
