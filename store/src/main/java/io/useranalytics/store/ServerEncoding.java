package io.useranalytics.store;

import io.useranalytics.common.config.InvalidConfigException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The database must store text as UTF-8: under another encoding, a user id with a character the
 * encoding lacks fails the batch that holds it (or, under SQL_ASCII, is stored as bytes no
 * collation understands). Checked at start-up, so that such a database fails at once with one line.
 */
final class ServerEncoding {
    private ServerEncoding() {}

    /**
     * @throws InvalidConfigException if the database's encoding is not UTF8
     */
    static void requireUtf8(DataSource dataSource) {
        String encoding;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW server_encoding")) {
            row.next();
            encoding = row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database server's encoding", e);
        }
        if (!encoding.equalsIgnoreCase("UTF8")) {
            throw new InvalidConfigException(
                    List.of(
                            "the database's encoding is "
                                    + encoding
                                    + "; it must be UTF8 (CREATE DATABASE ... ENCODING 'UTF8'"
                                    + " TEMPLATE template0) so that every user id is stored as"
                                    + " sent"));
        }
    }
}
