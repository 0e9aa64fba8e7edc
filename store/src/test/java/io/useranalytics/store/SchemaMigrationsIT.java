package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.Rows;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchemaMigrationsIT {
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void creates_the_tables_in_the_mode_the_server_allows_and_a_second_run_changes_nothing()
            throws SQLException {
        var migrations = new SchemaMigrations(postgres.dataSource(), postgres.schema());
        Rows rows = new Rows(postgres.dataSource());

        StorageMode first = migrations.migrate();
        StorageMode second = migrations.migrate();

        assertThat(first)
                .isEqualTo(postgres.offersTimescale() ? StorageMode.TIMESCALE : StorageMode.PLAIN);
        assertThat(second).isEqualTo(first);
        assertThat(rows.count("SELECT count(*) FROM flyway_schema_history WHERE success"))
                .isEqualTo(15);
        assertThat(
                        rows.count(
                                "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                                        + postgres.schema()
                                        + "' AND table_name IN ('users', 'event_blocks', 'events', 'consumer_offsets',"
                                        + " 'rollups', 'event_ids', 'retention_horizons')"))
                .isEqualTo(7);
    }
}
