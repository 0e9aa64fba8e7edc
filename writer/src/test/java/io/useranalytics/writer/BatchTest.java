package io.useranalytics.writer;

import static io.useranalytics.testsupport.Events.anEvent;
import static io.useranalytics.writer.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.store.offsets.OffsetRange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchTest {
    private static final TopicPartition P0 = new TopicPartition("analytics.events", 0);
    private static final TopicPartition P1 = new TopicPartition("analytics.events", 1);

    @Test
    void halves_cut_the_records_in_log_order_and_leave_no_offset_gap() {
        Decoded.Rejected reject = new Decoded.Rejected("value: bad", record(0, 12, "x"));
        Batch batch =
                new Batch(
                        List.of(valid(P1, 7), valid(P0, 10), valid(P0, 11), valid(P1, 8)),
                        List.of(reject),
                        Map.of(P0, new OffsetRange(10, 14), P1, new OffsetRange(7, 9)));

        List<Batch> halves = batch.halves();

        assertThat(halves.get(0).valid()).extracting(Decoded::offset).containsExactly(10L, 11L);
        assertThat(halves.get(0).rejects()).isEmpty();
        assertThat(halves.get(0).offsets()).isEqualTo(Map.of(P0, new OffsetRange(10, 12)));
        assertThat(halves.get(1).valid())
                .extracting(Decoded::position)
                .containsExactly(new Decoded.Position(P1, 7), new Decoded.Position(P1, 8));
        assertThat(halves.get(1).rejects()).containsExactly(reject);
        assertThat(halves.get(1).offsets())
                .isEqualTo(Map.of(P0, new OffsetRange(12, 14), P1, new OffsetRange(7, 9)));
    }

    @Test
    void a_refused_record_becomes_a_reject_carrying_its_event_as_the_contract_writes_it() {
        Decoded.Valid kept = valid(P0, 1);
        Decoded.Valid refused =
                new Decoded.Valid(
                        anEvent().user("ü").at(Instant.parse("2008-10-21T05:46:37Z")).build(),
                        P0,
                        2);
        Batch batch =
                new Batch(List.of(kept, refused), List.of(), Map.of(P0, new OffsetRange(1, 3)));

        Batch after = batch.refusing(List.of(refused.refused("the database refused it: boom")));

        assertThat(after.valid()).containsExactly(kept);
        assertThat(after.offsets()).isEqualTo(batch.offsets());
        Decoded.Rejected reject = after.rejects().get(0);
        assertThat(reject.reason()).isEqualTo("the database refused it: boom");
        assertThat(reject.position()).isEqualTo(new Decoded.Position(P0, 2));
        assertThat(new String(reject.source().key(), StandardCharsets.UTF_8)).isEqualTo("ü");
        assertThat(new String(reject.source().value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"timestamp_ms\":1224567997000,\"user\":\"ü\",\"event\":\"click\"}");
    }

    private static Decoded.Valid valid(TopicPartition partition, long offset) {
        return new Decoded.Valid(anEvent().build(), partition, offset);
    }
}
