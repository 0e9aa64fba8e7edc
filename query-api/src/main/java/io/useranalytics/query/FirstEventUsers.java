package io.useranalytics.query;

import io.useranalytics.common.http.ServiceUnavailableException;
import io.useranalytics.store.StoreException;
import io.useranalytics.store.users.NewUserReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.roaringbitmap.RoaringBitmap;

/**
 * New users by their first event ({@link NewUserReader}); a database that does not answer is a 503.
 */
final class FirstEventUsers implements RetentionCohorts.NewUsers {
    private final NewUserReader users;

    FirstEventUsers(NewUserReader users) {
        this.users = Objects.requireNonNull(users, "users == null");
    }

    @Override
    public RoaringBitmap firstIn(Instant from, Instant to) {
        try {
            return users.firstIn(from, to);
        } catch (StoreException e) {
            throw new ServiceUnavailableException(
                    "the database did not answer; retry later", Duration.ofSeconds(1), e);
        }
    }
}
