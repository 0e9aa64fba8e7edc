package io.useranalytics.embedded.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {
    @TempDir Path dir;

    @Test
    void keeps_committed_rows_in_its_directory_across_a_restart() throws SQLException {
        Path data = dir.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.inDirectory(data, 0).start()) {
            server.createDatabase("kept");
            execute(server.jdbcUrl("kept"), "CREATE TABLE t (n int); INSERT INTO t VALUES (42)");
        }

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.inDirectory(data, 0).start()) {
            assertThat(again.jdbcUrl("kept")).startsWith("jdbc:postgresql://127.0.0.1:");
            assertThat(queryInt(again.jdbcUrl("kept"), "SELECT n FROM t")).isEqualTo(42);
            assertThat(queryInt(again.jdbcUrl("kept"), "SHOW server_version_num"))
                    .isGreaterThanOrEqualTo(170000);
        }
    }

    @Test
    void a_second_server_on_a_directory_in_use_is_refused_and_the_first_keeps_serving()
            throws SQLException {
        Path data = dir.resolve("shared");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.inDirectory(data, 0).start()) {
            EmbeddedPostgresServer second = EmbeddedPostgresServer.inDirectory(data, 0);

            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another running process");
            assertThat(queryInt(first.jdbcUrl("postgres"), "SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    void a_temporary_server_leaves_no_data_behind() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.temporary().start();
        Path data = server.dataDir();
        assertThat(data).isDirectory();

        server.close();

        assertThat(Files.exists(data)).isFalse();
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int queryInt(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
