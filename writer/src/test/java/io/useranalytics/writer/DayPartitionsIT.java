package io.useranalytics.writer;

import static io.useranalytics.testsupport.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.record.Event;
import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.StorageChoice;
import io.useranalytics.store.events.DayPartitions;
import io.useranalytics.store.offsets.OffsetStore;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plain mode: events of many old days share partitions; recent days keep one each. */
class DayPartitionsIT {
    private static final TopicPartition P0 = new TopicPartition("analytics.events", 0);
    private static final LocalDate TODAY = LocalDate.parse("2026-12-07");

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private final Rows rows = new Rows(postgres.dataSource());

    @BeforeAll
    static void migrate() {
        new SchemaMigrations(postgres.dataSource(), postgres.schema(), StorageChoice.PLAIN)
                .migrate();
    }

    @Test
    void ten_thousand_events_on_ten_thousand_old_days_take_one_partition_a_year_when_kept_for_ever()
            throws Exception {
        List<Event> events = new ArrayList<>();
        LocalDate first = LocalDate.parse("1980-01-01");
        for (int day = 0; day < 10_000; day++) {
            events.add(anEvent().user("old-" + day).at(noonOf(first.plusDays(day))).build());
        }

        new UsersThenEvents(postgres.dataSource(), offsets("years"), partitions(true))
                .write(Batches.of(events, P0));

        assertThat(partitionsOf("event_blocks_1980"))
                .containsExactly("event_blocks_19800101_19810101");
        assertThat(partitionCount()).isEqualTo(28); // 1980 .. 2007
        assertThat(rows.count("SELECT count(*) FROM events WHERE time < '2008-01-01'"))
                .isEqualTo(10_000);
    }

    @Test
    void an_old_day_shares_its_month_when_raw_events_expire_and_a_recent_day_has_its_own()
            throws Exception {
        List<Event> events =
                List.of(
                        anEvent().user("month-a").at(noonOf(LocalDate.parse("2026-03-03"))).build(),
                        anEvent().user("month-b").at(noonOf(LocalDate.parse("2026-03-30"))).build(),
                        anEvent().user("recent").at(noonOf(TODAY.minusDays(3))).build());

        new UsersThenEvents(postgres.dataSource(), offsets("months"), partitions(false))
                .write(Batches.of(events, P0));

        assertThat(partitionsOf("event_blocks_202603"))
                .containsExactly("event_blocks_20260301_20260401");
        assertThat(partitionsOf("event_blocks_20261204")).containsExactly("event_blocks_20261204");
    }

    @Test
    void an_old_day_that_has_a_partition_of_its_own_keeps_it() throws Exception {
        rows.execute(
                "CREATE TABLE event_blocks_20250615 PARTITION OF event_blocks"
                        + " FOR VALUES FROM ('2025-06-15 00:00Z') TO ('2025-06-16 00:00Z')");
        List<Event> events =
                List.of(
                        anEvent().user("own-a").at(noonOf(LocalDate.parse("2025-06-15"))).build(),
                        anEvent().user("own-b").at(noonOf(LocalDate.parse("2025-06-20"))).build());

        new UsersThenEvents(postgres.dataSource(), offsets("own"), partitions(false))
                .write(Batches.of(events, P0));

        assertThat(partitionsOf("event_blocks_202506"))
                .containsExactly("event_blocks_20250615", "event_blocks_20250620");
        assertThat(
                        rows.count(
                                "SELECT count(*) FROM events WHERE time >= '2025-06-01'"
                                        + " AND time < '2025-07-01'"))
                .isEqualTo(2);
    }

    private static OffsetStore offsets(String group) {
        return new OffsetStore(postgres.dataSource(), group);
    }

    private static DayPartitions partitions(boolean keptForEver) {
        return new DayPartitions(
                postgres.dataSource(),
                keptForEver,
                Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    private static Instant noonOf(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private List<String> partitionsOf(String prefix) {
        return rows.strings(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = to_regclass('event_blocks')"
                        + " AND c.relname LIKE '"
                        + prefix
                        + "%' ORDER BY 1");
    }

    private long partitionCount() {
        return rows.count(
                "SELECT count(*) FROM pg_inherits WHERE inhparent = to_regclass('event_blocks')");
    }
}
