package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.store.rollup.BucketKey;
import io.useranalytics.store.rollup.BucketSummary;
import io.useranalytics.store.rollup.Granularity;
import io.useranalytics.store.rollup.RollupStore;
import io.useranalytics.testsupport.OldSchema;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events stored before rollups existed get their rollups when the schema is upgraded. */
class RollupBackfillIT {
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void upgrading_a_schema_builds_the_rollups_of_the_events_already_stored() throws Exception {
        new OldSchema(postgres).migrateTo("3", "plain");
        Rows rows = new Rows(postgres.dataSource());
        rows.execute(
                "INSERT INTO users (external_id) SELECT 'old-' || n FROM generate_series(1, 50) n");
        rows.execute(
                "INSERT INTO events (time, user_id, kind) SELECT timestamptz '2024-05-01 10:00:00+00'"
                        + " + n * interval '7 seconds', (SELECT min(id) FROM users) + n % 50,"
                        + " (CASE WHEN n % 3 = 0 THEN 'click' ELSE 'impression' END)::event_kind"
                        + " FROM generate_series(0, 999) n");

        new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();

        BucketSummary hour;
        try (Connection connection = postgres.dataSource().getConnection()) {
            hour =
                    new RollupStore()
                            .load(
                                    connection,
                                    List.of(
                                            new BucketKey(
                                                    Granularity.HOUR,
                                                    Instant.parse("2024-05-01T10:00:00Z"))))
                            .values()
                            .iterator()
                            .next();
        }
        assertThat(hour.clicks() + hour.impressions())
                .isEqualTo(
                        rows.count(
                                "SELECT count(*) FROM events WHERE time >= '2024-05-01 10:00:00+00' AND time < '2024-05-01 11:00:00+00'"));
        assertThat(hour.clicks())
                .isEqualTo(
                        rows.count(
                                "SELECT count(*) FROM events WHERE kind = 'click' AND time < '2024-05-01 11:00:00+00'"));
        assertThat(hour.users().getLongCardinality()).isEqualTo(50);
        for (int granularity = 1; granularity <= 3; granularity++) {
            assertThat(
                            rows.count(
                                    "SELECT sum(clicks + impressions) FROM rollups WHERE granularity = "
                                            + granularity))
                    .isEqualTo(1000);
        }
    }
}
