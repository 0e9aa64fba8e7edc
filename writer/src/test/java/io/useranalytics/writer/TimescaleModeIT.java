package io.useranalytics.writer;

import static io.useranalytics.testsupport.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.StorageMode;
import io.useranalytics.store.offsets.OffsetStore;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import io.useranalytics.testsupport.TimescaleServer;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TimescaleDB path: runs where TEST_DATABASE_URL names a TimescaleDB server or Docker runs. */
class TimescaleModeIT {
    @RegisterExtension static final TimescaleServer timescale = new TimescaleServer();

    @Test
    void events_become_a_hypertable_and_batches_load_into_it() throws Exception {
        assumeTrue(timescale.isAvailable(), timescale.whyNot());
        RealPostgres postgres = timescale.postgres();

        StorageMode mode = new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();
        new UsersThenEvents(postgres.dataSource(), new OffsetStore(postgres.dataSource(), "g"))
                .write(
                        Batches.of(
                                List.of(
                                        anEvent().user("a").build(),
                                        anEvent().user("b").impression().build()),
                                new TopicPartition("analytics.events", 0)));

        Rows rows = new Rows(postgres.dataSource());
        assertThat(mode).isEqualTo(StorageMode.TIMESCALE);
        assertThat(
                        rows.count(
                                "SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_schema = '"
                                        + postgres.schema()
                                        + "' AND hypertable_name = 'event_blocks'"))
                .isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(2);
    }
}
