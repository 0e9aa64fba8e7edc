package io.useranalytics.writer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;

/** A batch written as the writer's two threads write it, one step after the other. */
final class UsersThenEvents {
    private final NewUsers users;
    private final BatchWriter events;

    UsersThenEvents(DataSource dataSource, OffsetStore offsets) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        this.users = new NewUsers(dataSource, new UserRegistry(new KnownUsers(1_000)), registry);
        this.events = new BatchWriter(dataSource, new CopyEncoder(), offsets, registry);
    }

    /** Returns how many events were stored. */
    int write(Batch batch) throws BatchWriteException {
        return events.write(users.add(batch));
    }
}
