package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DATABASE_STORAGE_MODE=plain on any server, TimescaleDB or not: a plain table indexed by second.
 */
class PlainStorageModeIT {
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void plain_mode_indexes_event_blocks_by_second_on_any_server() {
        StorageMode mode =
                new SchemaMigrations(postgres.dataSource(), postgres.schema(), StorageChoice.PLAIN)
                        .migrate();

        assertThat(
                        new Rows(postgres.dataSource())
                                .count(
                                        "SELECT count(*) FROM pg_indexes WHERE schemaname = '"
                                                + postgres.schema()
                                                + "' AND indexname = 'event_blocks_second_idx'"))
                .isEqualTo(1);
        assertThat(mode).isEqualTo(StorageMode.PLAIN);
    }
}
