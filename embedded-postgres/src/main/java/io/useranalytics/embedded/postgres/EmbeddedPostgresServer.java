package io.useranalytics.embedded.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server, from the binaries zonky publishes on Maven Central, run as a child
 * process listening on 127.0.0.1 only; user {@code postgres} without a password. As root, zonky
 * runs it in a user namespace ({@code unshare -U}), since PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String HOST = "127.0.0.1";
    private static final String USER = "postgres";
    private static final ClassPathBinaries BINARIES = new ClassPathBinaries();

    private final Path dataDir;
    private final int port;
    private final boolean durable;
    private EmbeddedPostgres server;

    private EmbeddedPostgresServer(Path dataDir, int port, boolean durable) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir == null");
        this.port = port;
        this.durable = durable;
    }

    /**
     * A server whose data stays in {@code dataDir} between runs, every commit flushed to disk; port
     * 0 picks a free port.
     */
    public static EmbeddedPostgresServer inDirectory(Path dataDir, int port) {
        return new EmbeddedPostgresServer(dataDir, port, true);
    }

    /** A throw-away server on a free port whose data is deleted on close: for tests. */
    public static EmbeddedPostgresServer temporary() {
        try {
            return new EmbeddedPostgresServer(
                    Files.createTempDirectory("embedded-postgres-"), 0, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory", e);
        }
    }

    /** Creates the data directory on first use, then starts; returns once the server answers. */
    public synchronized EmbeddedPostgresServer start() {
        if (server != null) {
            return this;
        }
        new LeftoverServer(dataDir).stop();
        try {
            server =
                    EmbeddedPostgres.builder()
                            .setDataDirectory(dataDir)
                            .setCleanDataDirectory(!durable)
                            .setRegisterShutdownHook(false)
                            .setPort(port)
                            .setPgBinaryResolver(BINARIES)
                            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log().toFile()))
                            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log().toFile()))
                            .setServerConfig("listen_addresses", HOST)
                            .setServerConfig("synchronous_commit", durable ? "on" : "off")
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start the embedded PostgreSQL in " + dataDir.toAbsolutePath(), e);
        }
        log.info(
                "embedded PostgreSQL {} at {} with its data in {} and its log in {}",
                serverVersion(),
                jdbcUrl("postgres"),
                dataDir.toAbsolutePath(),
                log().toAbsolutePath());
        return this;
    }

    /** The JDBC URL of {@code database} on this server; user {@code postgres}, no password. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /** Where PostgreSQL's own output goes: next to the data directory, never inside it. */
    public Path log() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    public Path dataDir() {
        return dataDir;
    }

    public String user() {
        return USER;
    }

    public int port() {
        return running().getPort();
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database '" + database + "' is not a plain name");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            boolean exists =
                    statement
                            .executeQuery(
                                    "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")
                            .next();
            if (!exists) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    /** Stops the server (a fast shutdown); a temporary server's data is deleted. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        } finally {
            server = null;
            if (!durable) {
                deleteLog();
            }
        }
    }

    private void deleteLog() {
        try {
            Files.deleteIfExists(log());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + log(), e);
        }
    }

    private String serverVersion() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("the embedded PostgreSQL does not answer", e);
        }
    }

    private EmbeddedPostgres running() {
        if (server == null) {
            throw new IllegalStateException("the embedded PostgreSQL is not running");
        }
        return server;
    }
}
