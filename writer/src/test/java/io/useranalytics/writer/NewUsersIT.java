package io.useranalytics.writer;

import static io.useranalytics.testsupport.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.users.UserLookup;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Another writer adds the same new user while this one does. */
class NewUsersIT {
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private final Rows rows = new Rows(postgres.dataSource());
    private final NewUsers newUsers =
            new NewUsers(
                    new UserRegistry(
                            new KnownUsers(1_000, UserIdHash.random()),
                            new UserLookup(postgres.dataSource())),
                    new SimpleMeterRegistry());

    @BeforeAll
    static void migrate() {
        new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();
    }

    @BeforeEach
    void empty() {
        rows.execute("TRUNCATE users");
    }

    @Test
    void a_user_the_other_writer_commits_first_gets_its_one_id() throws Exception {
        try (Connection other = postgres.dataSource().getConnection()) {
            other.setAutoCommit(false);
            insert(other, "both");
            CompletableFuture<ReadyBatch> added = addInBackground("both", "solo");
            awaitWaitingForALock();

            other.commit();
            ReadyBatch ready = added.get(LOCK_WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(ready.users().idOf("both"))
                    .isEqualTo(rows.count("SELECT id FROM users WHERE external_id = 'both'"));
            assertThat(ready.users().idOf("solo"))
                    .isEqualTo(rows.count("SELECT id FROM users WHERE external_id = 'solo'"));
            assertThat(rows.count("SELECT count(*) FROM users")).isEqualTo(2);
        }
    }

    @Test
    void a_user_the_other_writer_rolls_back_is_added_by_this_one() throws Exception {
        try (Connection other = postgres.dataSource().getConnection()) {
            other.setAutoCommit(false);
            insert(other, "both");
            CompletableFuture<ReadyBatch> added = addInBackground("both");
            awaitWaitingForALock();

            other.rollback();
            ReadyBatch ready = added.get(LOCK_WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(ready.users().idOf("both"))
                    .isEqualTo(rows.count("SELECT id FROM users WHERE external_id = 'both'"));
            assertThat(rows.count("SELECT count(*) FROM users")).isEqualTo(1);
        }
    }

    private CompletableFuture<ReadyBatch> addInBackground(String... users) {
        Batch batch =
                Batches.of(
                        List.of(users).stream().map(user -> anEvent().user(user).build()).toList(),
                        new TopicPartition("t", 0));
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return newUsers.add(batch);
                    } catch (BatchWriteException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static void insert(Connection connection, String user) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (external_id) VALUES ('" + user + "')");
        }
    }

    /** Until some backend waits for a lock: the writer, on the other's uncommitted row. */
    private void awaitWaitingForALock() throws InterruptedException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (rows.count("SELECT count(*) FROM pg_locks WHERE NOT granted") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer never waited for the other's row");
            }
            Thread.sleep(20);
        }
    }
}
