package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.useranalytics.testsupport.OldSchema;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import io.useranalytics.testsupport.TimescaleServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Migrating a TimescaleDB installation of the first schemas: runs where TEST_DATABASE_URL names a
 * TimescaleDB server or Docker runs.
 */
class TimescaleMigrationIT {
    @RegisterExtension static final TimescaleServer upgraded = new TimescaleServer();

    @Test
    void an_installation_with_an_events_hypertable_keeps_every_event_in_blocks() throws Exception {
        assumeTrue(upgraded.isAvailable(), upgraded.whyNot());
        RealPostgres postgres = upgraded.postgres();
        OldSchema old = new OldSchema(postgres);
        old.migrateTo("3", "timescale");
        old.addTenThousandEvents();
        String before = old.eventsFingerprint();

        StorageMode mode = new SchemaMigrations(postgres.dataSource(), postgres.schema()).migrate();

        Rows rows = new Rows(postgres.dataSource());
        assertThat(mode).isEqualTo(StorageMode.TIMESCALE);
        assertThat(rows.count("SELECT count(*) FROM events")).isEqualTo(10_000);
        assertThat(old.eventsFingerprint()).isEqualTo(before);
        assertThat(rows.count("SELECT count(*) FROM event_blocks"))
                .as("a row per second")
                .isEqualTo(
                        rows.count("SELECT count(DISTINCT date_trunc('second', time)) FROM events"))
                .isLessThan(10_000);
    }
}
