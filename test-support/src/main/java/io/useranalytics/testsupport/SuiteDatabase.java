package io.useranalytics.testsupport;

import io.useranalytics.embedded.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The suite's PostgreSQL when TEST_DATABASE_URL names none: the machine's own on 127.0.0.1:5432
 * (database {@code test}, created if missing) when one answers there, else one embedded server for
 * the whole test run of this JVM, started on first use and stopped when the run ends.
 */
final class SuiteDatabase {
    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";
    private static final Namespace NAMESPACE = Namespace.create(SuiteDatabase.class);

    private SuiteDatabase() {}

    static String url(ExtensionContext context) {
        if (localServerAnswers() && localServerLetsUsIn()) {
            return LOCAL_URL;
        }
        EmbeddedPostgresServer embedded =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                EmbeddedPostgresServer.class,
                                key -> startEmbedded(),
                                EmbeddedPostgresServer.class);
        return embedded.jdbcUrl("test");
    }

    private static EmbeddedPostgresServer startEmbedded() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.temporary().start();
        server.createDatabase("test");
        System.out.println(
                "no usable PostgreSQL on 127.0.0.1:5432 and no TEST_DATABASE_URL: the tests use an"
                        + " embedded PostgreSQL at "
                        + server.jdbcUrl("test"));
        return server;
    }

    private static boolean localServerAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates database {@code test} if missing; false when user postgres needs a password there (a
     * stock Debian server), so the suite takes an embedded server instead.
     */
    private static boolean localServerLetsUsIn() {
        try (Connection connection =
                        DriverManager.getConnection(
                                "jdbc:postgresql://127.0.0.1:5432/postgres", USER, "");
                Statement statement = connection.createStatement()) {
            if (!statement
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = 'test'")
                    .next()) {
                statement.execute("CREATE DATABASE test");
            }
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                System.out.println(
                        "the PostgreSQL on 127.0.0.1:5432 refuses user postgres without a password ("
                                + e.getMessage()
                                + "); set TEST_DATABASE_URL, TEST_DATABASE_USER and"
                                + " TEST_DATABASE_PASSWORD to use it");
                return false;
            }
            throw new IllegalStateException("cannot use the PostgreSQL on 127.0.0.1:5432", e);
        }
    }
}
