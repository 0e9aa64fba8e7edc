package io.useranalytics.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.harness.ServiceJar;
import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.StorageChoice;
import io.useranalytics.testsupport.RealPostgres;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A storage mode the database cannot give stops a service at once: exit 2, one line, no trace. */
class StorageModeStartIT {
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void asking_timescaledb_of_a_plain_schema_exits_2_with_one_line_saying_how_to_fix_it()
            throws Exception {
        new SchemaMigrations(postgres.dataSource(), postgres.schema(), StorageChoice.PLAIN)
                .migrate();
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("DATABASE_STORAGE_MODE", "timescale");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");

        Process writer = ServiceJar.start("writer", env, "storage-mode-writer");

        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).isEqualTo(2);
        String log = Files.readString(ServiceJar.log("storage-mode-writer"));
        assertThat(log)
                .contains(
                        "writer: invalid configuration: schema "
                                + postgres.schema()
                                + " already stores events in plain mode;"
                                + " DATABASE_STORAGE_MODE=timescale cannot change that")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void an_unknown_storage_mode_exits_2_naming_the_setting() throws Exception {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("DATABASE_STORAGE_MODE", "hyper");

        Process query = ServiceJar.start("query-api", env, "storage-mode-query");

        assertThat(query.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(query.exitValue()).isEqualTo(2);
        assertThat(Files.readString(ServiceJar.log("storage-mode-query")))
                .contains("DATABASE_STORAGE_MODE 'hyper' is not auto, plain or timescale");
    }
}
