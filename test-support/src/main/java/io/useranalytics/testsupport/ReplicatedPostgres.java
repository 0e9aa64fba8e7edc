package io.useranalytics.testsupport;

import io.useranalytics.harness.ServiceJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and a streaming standby of it, each a server of its own on 127.0.0.1, made
 * with the machine's server binaries (initdb, pg_basebackup, pg_ctl; run as user postgres when this
 * process is root, as PostgreSQL will not run as root): what a failover, a restore from a base
 * backup and a read replica need in a test. Tests check {@link #whyUnavailable()} and skip with its
 * reason where the binaries are missing.
 */
public final class ReplicatedPostgres implements AutoCloseable {
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Path bin;
    private final Path dir;
    private final Server primary;
    private Server standby;

    /** One server: its data directory and port. */
    public record Server(Path data, int port) {
        public String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        }
    }

    private ReplicatedPostgres(Path bin, Path dir, Server primary) {
        this.bin = bin;
        this.dir = dir;
        this.primary = primary;
    }

    /** Why these servers cannot be started here, if they cannot. */
    public static Optional<String> whyUnavailable() {
        return binaries().isPresent()
                ? Optional.empty()
                : Optional.of("no PostgreSQL server binaries (initdb, pg_ctl) under " + VERSIONS);
    }

    /** Starts a primary and a standby streaming from it. */
    public static ReplicatedPostgres start() {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(whyUnavailable().get()));
        try {
            Path dir = Files.createTempDirectory("replicated-postgres-");
            handOver(dir);
            Server primary = new Server(dir.resolve("primary"), ServiceJar.freePort());
            ReplicatedPostgres servers = new ReplicatedPostgres(bin, dir, primary);
            servers.run(
                    "initdb",
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-locale",
                    "-D",
                    primary.data().toString());
            Files.writeString(
                    primary.data().resolve("postgresql.conf"),
                    "\nwal_level = replica\nmax_wal_senders = 8\nwal_keep_size = 256MB\n"
                            + "hot_standby = on\nmax_connections = 60\n",
                    java.nio.file.StandardOpenOption.APPEND);
            servers.startServer(primary);
            servers.standby = servers.newStandby();
            return servers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start replicated PostgreSQL", e);
        }
    }

    public Server primary() {
        return primary;
    }

    public Server standby() {
        return standby;
    }

    /** Both servers, the primary first: a client asking for the primary finds it after failover. */
    public String multiHostUrl(String parameters) {
        return "jdbc:postgresql://127.0.0.1:"
                + primary.port()
                + ",127.0.0.1:"
                + standby.port()
                + "/postgres?"
                + parameters;
    }

    /** Waits until the standby has replayed everything the primary has written so far. */
    public void awaitStandbyCaughtUp() {
        String lsn = query(primary, "SELECT pg_current_wal_lsn()::text");
        awaitTrue(
                standby,
                "SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn",
                "the standby to replay up to " + lsn);
    }

    /**
     * The primary's commits wait until the standby has them ({@code synchronous_standby_names}):
     * from now on the standby holds every commit a client saw succeed.
     */
    public void makeStandbySynchronous() {
        execute(primary, "ALTER SYSTEM SET synchronous_standby_names = '*'");
        execute(primary, "SELECT pg_reload_conf()");
        awaitTrue(
                primary,
                "SELECT count(*) = 1 FROM pg_stat_replication WHERE sync_state = 'sync'",
                "the standby to be synchronous");
    }

    /** The standby goes on receiving WAL but applies none of it until {@link #resumeReplay()}. */
    public void pauseReplay() {
        execute(standby, "SELECT pg_wal_replay_pause()");
        awaitTrue(
                standby,
                "SELECT pg_get_wal_replay_pause_state() = 'paused'",
                "the standby's replay to pause");
    }

    public void resumeReplay() {
        execute(standby, "SELECT pg_wal_replay_resume()");
    }

    /** The standby stops receiving WAL: what the primary commits from now on, it never has. */
    public void cutStandby() {
        execute(standby, "ALTER SYSTEM SET primary_conninfo = ''");
        execute(standby, "SELECT pg_reload_conf()");
        awaitTrue(
                standby,
                "SELECT count(*) = 0 FROM pg_stat_wal_receiver",
                "the standby's WAL receiver to stop");
    }

    /** The primary stops at once, as a crashed machine would: no checkpoint, no goodbye. */
    public void killPrimary() {
        run("pg_ctl", "-D", primary.data().toString(), "-m", "immediate", "-w", "stop");
    }

    /** The standby becomes a primary, as a failover does. */
    public void promoteStandby() {
        run("pg_ctl", "-D", standby.data().toString(), "-w", "promote");
    }

    /** A base backup of the primary now, in a directory of its own. */
    public Path baseBackup(String name) {
        Path backup = dir.resolve(name);
        baseBackupInto(backup);
        return backup;
    }

    /** pg_basebackup of the primary into {@code target}, with WAL; {@code extra} options first. */
    private void baseBackupInto(Path target, String... extra) {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(
                List.of(
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(primary.port()),
                        "-U",
                        "postgres",
                        "-X",
                        "stream",
                        "-D",
                        target.toString()));
        run("pg_basebackup", args.toArray(String[]::new));
    }

    /**
     * Stops the primary and starts it again from {@code backup}, on the same port: the database has
     * gone back to when the backup was taken.
     */
    public void restorePrimaryFrom(Path backup) {
        run("pg_ctl", "-D", primary.data().toString(), "-m", "fast", "-w", "stop");
        Path restored = dir.resolve("restored-" + System.nanoTime());
        run("cp", "-a", backup.toString(), restored.toString());
        Server server = new Server(restored, primary.port());
        startServer(server);
    }

    private Server newStandby() {
        Server server = new Server(dir.resolve("standby"), ServiceJar.freePort());
        baseBackupInto(server.data(), "-R");
        startServer(server);
        return server;
    }

    private void startServer(Server server) {
        run(
                "pg_ctl",
                "-D",
                server.data().toString(),
                "-l",
                server.data().resolveSibling(server.data().getFileName() + ".log").toString(),
                "-o",
                "-p " + server.port() + " -c listen_addresses=127.0.0.1 -k " + dir,
                "-w",
                "start");
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(program.equals("cp") ? "cp" : bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("commands.log").toFile())
                            .start();
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over " + WAIT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " exited "
                                + process.exitValue()
                                + ": "
                                + Files.readString(dir.resolve("commands.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private String query(Server server, String sql) {
        try (Connection connection = DriverManager.getConnection(server.url(), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on port " + server.port(), e);
        }
    }

    private void execute(Server server, String sql) {
        try (Connection connection = DriverManager.getConnection(server.url(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on port " + server.port(), e);
        }
    }

    private void awaitTrue(Server server, String sql, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"t".equals(query(server, sql))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + WAIT + " for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    /** Stops both servers and deletes their directories. */
    @Override
    public void close() {
        for (Path data :
                List.of(primary.data(), standby == null ? primary.data() : standby.data())) {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        }
        try (Stream<Path> restored = Files.list(dir)) {
            restored.filter(path -> path.getFileName().toString().startsWith("restored-"))
                    .filter(path -> Files.exists(path.resolve("postmaster.pid")))
                    .forEach(
                            path ->
                                    run(
                                            "pg_ctl",
                                            "-D",
                                            path.toString(),
                                            "-m",
                                            "immediate",
                                            "-w",
                                            "stop"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delete(dir);
    }

    private static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_basebackup")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Lets user postgres own {@code dir} when this process is root. */
    private static void handOver(Path dir) throws IOException {
        if (isRoot()) {
            try {
                Process chown =
                        new ProcessBuilder("chown", "postgres:postgres", dir.toString()).start();
                if (!chown.waitFor(10, TimeUnit.SECONDS) || chown.exitValue() != 0) {
                    throw new IOException("chown postgres " + dir + " failed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted handing " + dir + " over", e);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
