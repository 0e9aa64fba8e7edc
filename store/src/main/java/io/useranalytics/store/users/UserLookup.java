package io.useranalytics.store.users;

import io.useranalytics.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads or adds users ({@link UserIds}) in a transaction of their own, committed before it returns:
 * their ids are then safe to write beside events in another transaction.
 */
public final class UserLookup {
    private static final Logger log = LoggerFactory.getLogger(UserLookup.class);

    private final DataSource dataSource;
    private final UserIds stored = new UserIds();

    public UserLookup(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    }

    /**
     * The internal id of each of {@code users}, read or added. When another writer adds some of
     * them at the same time, tries once more beside it. A user the database holds under other text
     * than was sent has no id in the answer.
     */
    public Map<String, Long> idsFor(List<String> users) throws StoreException {
        if (users.isEmpty()) {
            return Map.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<String, Long> ids = idsFor(connection, users);
                connection.commit();
                return ids;
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private Map<String, Long> idsFor(Connection connection, List<String> users)
            throws SQLException {
        try {
            return stored.idsFor(connection, users);
        } catch (SQLException e) {
            if (!UserIds.isRace(e)) {
                throw e;
            }
            log.debug("another writer added some of the same users; adding them again", e);
            connection.rollback();
            return stored.idsBesideOtherWriters(connection, users);
        }
    }

    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
