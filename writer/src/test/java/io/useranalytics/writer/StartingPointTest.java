package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.store.offsets.StoredOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StartingPointTest {
    private static final TopicPartition P2 = new TopicPartition("analytics.events", 2);
    private static final String TOPIC_ID = "k3Lq9m0vQy2wYl5Yb8A1Gw";

    @Test
    void a_partition_never_stored_starts_at_the_log_start() {
        assertThat(StartingPoint.of(P2, Optional.empty(), TOPIC_ID, 40, 90))
                .isEqualTo(new StartingPoint.Resume(40));
    }

    @Test
    void a_stored_offset_the_log_holds_is_where_reading_resumes() {
        assertThat(StartingPoint.of(P2, stored(40, TOPIC_ID), TOPIC_ID, 40, 90))
                .isEqualTo(new StartingPoint.Resume(40));
        assertThat(StartingPoint.of(P2, stored(90, TOPIC_ID), TOPIC_ID, 40, 90))
                .isEqualTo(new StartingPoint.Resume(90));
        assertThat(StartingPoint.of(P2, stored(60, null), TOPIC_ID, 0, 90))
                .isEqualTo(new StartingPoint.Resume(60));
    }

    @Test
    void records_deleted_before_they_were_read_are_a_gap_of_known_size() {
        StartingPoint point = StartingPoint.of(P2, stored(10, TOPIC_ID), TOPIC_ID, 40, 90);

        assertThat(point)
                .isEqualTo(
                        new StartingPoint.Gap(P2, StartingPoint.Kind.RECORDS_DELETED, 10, 40, 90));
        StartingPoint.Gap gap = (StartingPoint.Gap) point;
        assertThat(gap.missing()).isEqualTo(OptionalLong.of(30));
        assertThat(gap.describe())
                .isEqualTo(
                        "analytics.events-2: stored offset 10, log from 40 to 90: 30 records"
                                + " (offsets 10 to 39) were deleted before the writer read them"
                                + " (retention?)");
    }

    @Test
    void a_log_that_ends_before_the_stored_offset_was_replaced() {
        StartingPoint point = StartingPoint.of(P2, stored(5000, TOPIC_ID), TOPIC_ID, 0, 120);

        assertThat(point)
                .isEqualTo(
                        new StartingPoint.Gap(P2, StartingPoint.Kind.LOG_REPLACED, 5000, 0, 120));
        assertThat(((StartingPoint.Gap) point).missing()).isEmpty();
    }

    @Test
    void another_topic_id_is_a_replaced_log_even_once_it_has_grown_past_the_stored_offset() {
        StartingPoint point =
                StartingPoint.of(P2, stored(5000, "0ldT0p1cId0000000000Aa"), TOPIC_ID, 0, 9000);

        assertThat(point)
                .isEqualTo(
                        new StartingPoint.Gap(P2, StartingPoint.Kind.LOG_REPLACED, 5000, 0, 9000));
        assertThat(((StartingPoint.Gap) point).describe())
                .isEqualTo(
                        "analytics.events-2: stored offset 5000, log from 0 to 9000: the log is"
                                + " not the one the writer read (its data was lost, or the topic"
                                + " was created again); how many records are missing is unknown");
    }

    private static Optional<StoredOffset> stored(long next, String topicId) {
        return Optional.of(new StoredOffset(next, Optional.ofNullable(topicId)));
    }
}
