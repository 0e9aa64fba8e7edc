package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.record.Event;
import io.useranalytics.record.EventKind;
import io.useranalytics.store.fixtures.EventRows;
import io.useranalytics.store.retention.RetainedData;
import io.useranalytics.store.retention.RetentionHorizons;
import io.useranalytics.store.rollup.BucketKey;
import io.useranalytics.store.rollup.BucketSummary;
import io.useranalytics.store.rollup.Granularity;
import io.useranalytics.store.rollup.RollupDeltas;
import io.useranalytics.store.rollup.RollupStore;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upgrading a schema whose rollups stop at hours builds the day rollups from them, exactly, and
 * only for days whose every hour is still kept.
 */
class DayRollupBackfillIT {
    private static final Instant FIRST_DAY = Instant.parse("2008-10-19T00:00:00Z");
    private static final int DAYS = 4;

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void each_whole_day_becomes_the_union_of_its_hours_over_every_shard() throws Exception {
        migrateToTheReleaseBeforeDayRollups();
        Rows rows = new Rows(postgres.dataSource());
        Random random = new Random(14);
        new EventRows(postgres.dataSource()).insert(events(random, 3_000));
        addHoursOnly((short) 1, random);
        rows.execute("DELETE FROM rollups WHERE granularity = " + Granularity.DAY.code());
        // The hour rollups are kept from noon of the second day: that day is not whole.
        rows.execute(
                "INSERT INTO retention_horizons (kind, kept_from, setting)"
                        + " VALUES ('hour', '2008-10-20T12:00:00Z', 'RETENTION_HOUR_ROLLUPS_DAYS=1')");

        new SchemaMigrations(postgres.dataSource(), postgres.schema(), StorageChoice.PLAIN)
                .migrate();

        try (Connection connection = postgres.dataSource().getConnection()) {
            RollupStore store = new RollupStore();
            for (int d = 0; d < DAYS; d++) {
                Instant day = FIRST_DAY.plus(d, ChronoUnit.DAYS);
                Map<BucketKey, BucketSummary> stored =
                        store.load(connection, List.of(new BucketKey(Granularity.DAY, day)));
                if (day.isBefore(Instant.parse("2008-10-21T00:00:00Z"))) {
                    assertThat(stored).as("a day not whole in the hours kept: %s", day).isEmpty();
                    continue;
                }
                BucketSummary hours = union(store.load(connection, hoursOf(day)).values());
                BucketSummary built = stored.values().iterator().next();
                assertThat(hours.clicks() + hours.impressions())
                        .as("events of %s", day)
                        .isPositive();
                assertThat(built.clicks()).as("clicks of %s", day).isEqualTo(hours.clicks());
                assertThat(built.impressions()).isEqualTo(hours.impressions());
                assertThat(built.users()).as("users of %s", day).isEqualTo(hours.users());
            }
            assertThat(new RetentionHorizons().read(connection).get(RetainedData.DAY_ROLLUPS))
                    .satisfies(
                            horizon ->
                                    assertThat(horizon.keptFrom())
                                            .isEqualTo(Instant.parse("2008-10-21T00:00:00Z")));
        }
        assertThat(
                        rows.count(
                                "SELECT count(DISTINCT shard) FROM rollups WHERE granularity = "
                                        + Granularity.DAY.code()))
                .isEqualTo(2);
    }

    /** Version 13, as SchemaMigrations would have left it (migration 4 is a Java one). */
    private static void migrateToTheReleaseBeforeDayRollups() {
        Flyway.configure()
                .dataSource(postgres.dataSource())
                .schemas(postgres.schema())
                .defaultSchema(postgres.schema())
                .locations("classpath:db/migration/common", "classpath:db/migration/plain")
                .javaMigrations(new RollupBackfill())
                .target("13")
                .load()
                .migrate();
    }

    private static List<Event> events(Random random, int count) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(
                    new Event(
                            FIRST_DAY.plusMillis(
                                    random.nextLong(
                                            DAYS * ChronoUnit.DAYS.getDuration().toMillis())),
                            "user-" + random.nextInt(400),
                            random.nextBoolean() ? EventKind.CLICK : EventKind.IMPRESSION));
        }
        return events;
    }

    /** A second writer's shard, as a release before day rollups left it: hour rows only. */
    private static void addHoursOnly(short shard, Random random) throws Exception {
        RollupDeltas deltas = new RollupDeltas();
        for (Event event : events(random, 1_000)) {
            deltas.add(event.timestamp(), 500 + random.nextInt(300), event.kind());
        }
        Map<BucketKey, BucketSummary> hours = deltas.drain();
        hours.keySet().removeIf(key -> key.granularity() != Granularity.HOUR);
        try (Connection connection = postgres.dataSource().getConnection()) {
            new RollupStore().add(connection, shard, hours);
        }
    }

    private static List<BucketKey> hoursOf(Instant day) {
        List<BucketKey> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(new BucketKey(Granularity.HOUR, day.plus(h, ChronoUnit.HOURS)));
        }
        return hours;
    }

    private static BucketSummary union(Iterable<BucketSummary> summaries) {
        BucketSummary total = BucketSummary.empty();
        for (BucketSummary summary : summaries) {
            total = total.plus(summary);
        }
        return total;
    }
}
