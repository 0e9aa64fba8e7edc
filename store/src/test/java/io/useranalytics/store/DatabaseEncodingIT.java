package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.useranalytics.common.config.InvalidConfigException;
import io.useranalytics.testsupport.RealPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A database that cannot hold every user id as sent is refused at start-up, in one line. */
class DatabaseEncodingIT {
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void a_latin1_database_stops_the_writer_at_start_up_naming_the_encoding() throws SQLException {
        String database = "ua_latin1_" + ProcessHandle.current().pid();
        execute(
                "CREATE DATABASE "
                        + database
                        + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'"
                        + " TEMPLATE template0");
        DatabaseConfig latin1 =
                new DatabaseConfig(
                        postgres.url().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"),
                        "postgres",
                        "",
                        "user_analytics",
                        2,
                        StorageChoice.AUTO,
                        true);
        try (HikariDataSource dataSource = Database.open(latin1, "encoding-test")) {
            assertThatThrownBy(
                            () ->
                                    SchemaStartup.prepare(
                                            dataSource, latin1, TableRights.WRITE, "writer"))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage(
                            "invalid configuration: the database's encoding is LATIN1; it must be"
                                    + " UTF8 (CREATE DATABASE ... ENCODING 'UTF8' TEMPLATE"
                                    + " template0) so that every user id is stored as sent");
        } finally {
            execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
