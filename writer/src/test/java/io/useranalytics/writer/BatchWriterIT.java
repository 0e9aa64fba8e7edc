package io.useranalytics.writer;

import static io.useranalytics.testsupport.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.record.Event;
import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.eventids.EventIdExpiry;
import io.useranalytics.store.offsets.OffsetStore;
import io.useranalytics.store.offsets.StoredOffset;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchWriterIT {
    private static final TopicPartition P0 = new TopicPartition("analytics.events", 0);

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private final OffsetStore stored = new OffsetStore(postgres.dataSource(), "writers");
    private final PartitionOffsets offsets = new PartitionOffsets(stored);
    private final UsersThenEvents writer = new UsersThenEvents(postgres.dataSource(), stored);
    private final Rows rows = new Rows(postgres.dataSource());

    @BeforeAll
    static void migrate() {
        new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();
    }

    @BeforeEach
    void empty() {
        rows.execute("TRUNCATE event_blocks, users, consumer_offsets, event_ids, rollups");
        rows.execute("DROP TRIGGER IF EXISTS refuse_events ON event_blocks");
    }

    @Test
    void loads_events_adds_first_seen_users_by_their_id_and_saves_offsets_together()
            throws Exception {
        writer.write(
                batch(
                        List.of(
                                anEvent().user("3").click().build(),
                                anEvent().user("1").impression().build()),
                        0,
                        2));
        writer.write(batch(List.of(anEvent().user("3").impression().build()), 2, 3));

        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(3);
        assertThat(rows.count("SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(
                        rows.count(
                                "SELECT count(*) FROM events e JOIN users u ON u.id = e.user_id"
                                        + " WHERE u.external_id = '3'"))
                .isEqualTo(2);
        assertThat(offsets.load(List.of(P0)))
                .isEqualTo(Map.of(P0, new StoredOffset(3, Optional.empty())));
    }

    @Test
    void a_failed_batch_leaves_no_events_and_its_offsets_where_they_were_and_only_its_users()
            throws Exception {
        refuseEvents();

        assertThatThrownBy(
                        () ->
                                writer.write(
                                        batch(List.of(anEvent().user("new-user").build()), 0, 1)))
                .isInstanceOf(BatchWriteException.class)
                .hasMessage("writing a batch of 1 events failed")
                .rootCause()
                .hasMessageStartingWith("ERROR: refused by test");
        assertThat(rows.count("SELECT count(*) FROM events")).isZero();
        assertThat(rows.count("SELECT count(*) FROM rollups")).isZero();
        assertThat(offsets.load(List.of(P0)))
                .isEqualTo(Map.of(P0, new StoredOffset(0, Optional.empty())));
        // Users commit first, in a transaction of their own: the retry finds this one.
        assertThat(rows.count("SELECT count(*) FROM users WHERE external_id = 'new-user'"))
                .isEqualTo(1);
    }

    @Test
    void a_user_kept_from_a_failed_batch_is_reused_when_the_batch_is_retried() throws Exception {
        refuseEvents();
        Batch first = batch(List.of(anEvent().user("new-user").build()), 0, 1);
        assertThatThrownBy(() -> writer.write(first)).isInstanceOf(BatchWriteException.class);
        acceptEvents();

        writer.write(first);
        writer.write(batch(List.of(anEvent().user("new-user").build()), 1, 2));

        assertThat(
                        rows.count(
                                "SELECT count(*) FROM events e JOIN users u ON u.id = e.user_id"
                                        + " WHERE u.external_id = 'new-user'"))
                .isEqualTo(2);
        assertThat(rows.count("SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void a_batch_of_rejects_only_still_moves_the_offsets() throws Exception {
        writer.write(batch(List.of(), 0, 7));

        assertThat(offsets.load(List.of(P0)))
                .isEqualTo(Map.of(P0, new StoredOffset(7, Optional.empty())));
    }

    @Test
    void the_offset_is_stored_with_the_id_of_the_topic_it_was_read_from() throws Exception {
        offsets.remember(P0.topic(), "k3Lq9m0vQy2wYl5Yb8A1Gw");

        writer.write(batch(List.of(anEvent().user("u1").build()), 0, 1));

        assertThat(offsets.load(List.of(P0)))
                .isEqualTo(Map.of(P0, new StoredOffset(1, Optional.of("k3Lq9m0vQy2wYl5Yb8A1Gw"))));
    }

    @Test
    void writing_a_committed_batch_again_is_refused_as_stale_and_writes_nothing() throws Exception {
        Batch batch =
                batch(List.of(anEvent().user("u1").build(), anEvent().user("u2").build()), 0, 2);
        writer.write(batch);

        assertThatThrownBy(() -> writer.write(batch))
                .isInstanceOf(StaleBatchException.class)
                .hasMessage(
                        "stored offset of analytics.events-0 is already past 0;"
                                + " the batch was committed before, or by another writer");
        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(2);
        assertThat(offsets.load(List.of(P0)))
                .isEqualTo(Map.of(P0, new StoredOffset(2, Optional.empty())));
    }

    @Test
    void a_stored_offset_behind_where_the_writer_left_it_is_a_database_gone_back_in_time()
            throws Exception {
        writer.write(
                batch(List.of(anEvent().user("u1").build(), anEvent().user("u2").build()), 0, 2));
        rows.execute("UPDATE consumer_offsets SET next_offset = 1"); // a restore from before

        assertThatThrownBy(() -> writer.write(batch(List.of(anEvent().user("u3").build()), 2, 3)))
                .isInstanceOf(DatabaseRewoundException.class)
                .hasMessage(
                        "stored offset of analytics.events-0 is 1 where this writer stored 2: the"
                                + " database went back in time");
        rows.execute("DELETE FROM consumer_offsets"); // a restore from before the first batch
        assertThatThrownBy(() -> writer.write(batch(List.of(anEvent().user("u3").build()), 2, 3)))
                .isInstanceOf(DatabaseRewoundException.class)
                .hasMessage(
                        "stored offset of analytics.events-0 is gone where this writer stored 2:"
                                + " the database went back in time");
        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(2);
    }

    @Test
    void a_batch_overlapping_what_another_writer_committed_is_refused() throws Exception {
        writer.write(
                batch(List.of(anEvent().user("a").build(), anEvent().user("b").build()), 0, 2));

        assertThatThrownBy(() -> writer.write(batch(List.of(anEvent().user("b").build()), 1, 2)))
                .isInstanceOf(StaleBatchException.class);
        writer.write(batch(List.of(anEvent().user("c").build()), 2, 3));

        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(3);
    }

    @Test
    void an_event_id_seen_before_in_this_batch_or_an_earlier_one_is_stored_once() throws Exception {
        writer.write(
                batch(
                        List.of(
                                anEvent().user("a").id("retry-1").build(),
                                anEvent().user("a").id("retry-1").build(),
                                anEvent().user("a").build(),
                                anEvent().user("a").build()),
                        0,
                        4));
        writer.write(
                batch(
                        List.of(
                                anEvent().user("b").id("retry-1").build(),
                                anEvent().user("c").id("other").build()),
                        4,
                        6));

        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(4);
        // Users are added before retries are found: "b" is a user, with no events.
        assertThat(
                        rows.count(
                                "SELECT count(*) FROM events e JOIN users u ON u.id = e.user_id"
                                        + " WHERE u.external_id = 'b'"))
                .isZero();
        assertThat(rows.count("SELECT clicks FROM rollups WHERE granularity = 3")).isEqualTo(4);
    }

    @Test
    void a_rolled_back_batch_does_not_claim_its_event_ids() throws Exception {
        refuseEvents();
        Batch batch = batch(List.of(anEvent().id("once").build()), 0, 1);
        assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(BatchWriteException.class);
        acceptEvents();

        writer.write(batch);

        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(1);
    }

    @Test
    void the_purge_forgets_ids_older_than_the_retention_only() throws Exception {
        writer.write(
                batch(List.of(anEvent().id("old").build(), anEvent().id("new").build()), 0, 2));
        rows.execute(
                "UPDATE event_ids SET received = now() - interval '25 hours' WHERE id = 'old'");
        var purge =
                new EventIdPurge(
                        new EventIdExpiry(postgres.dataSource()),
                        Duration.ofHours(24),
                        Clock.systemUTC());

        assertThat(purge.purge()).isEqualTo(1);

        writer.write(
                batch(List.of(anEvent().id("old").build(), anEvent().id("new").build()), 2, 4));
        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(3);
    }

    /** Makes every insert into events fail, so the batch's transaction rolls back. */
    private void refuseEvents() {
        rows.execute(
                "CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$");
        rows.execute(
                "CREATE TRIGGER refuse_events BEFORE INSERT ON event_blocks FOR EACH ROW EXECUTE FUNCTION refuse()");
    }

    private void acceptEvents() {
        rows.execute("DROP TRIGGER refuse_events ON event_blocks");
    }

    private static Batch batch(List<Event> events, long first, long next) {
        return Batches.of(events, P0, first, next);
    }
}
