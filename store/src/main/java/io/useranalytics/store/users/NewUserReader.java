package io.useranalytics.store.users;

import io.useranalytics.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.roaringbitmap.RoaringBitmap;

/** The users seen for the first time in a stretch of time, for cohorts of new users. */
public final class NewUserReader {
    private final DataSource dataSource;
    private final FirstEvents firstEvents = new FirstEvents();

    public NewUserReader(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    }

    /** The internal ids of the users whose earliest stored event lies in {@code [from, to)}. */
    public RoaringBitmap firstIn(Instant from, Instant to) throws StoreException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // a cursor: the ids come in slices
            RoaringBitmap users = firstEvents.firstIn(connection, from, to);
            connection.commit();
            return users;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
