package io.useranalytics.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.common.config.Env;
import io.useranalytics.ingest.IngestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gateway refuses exactly what ingest-api would: no body that one takes and the other not. */
class GatewayConfigTest {
    @Test
    void the_gateways_body_limit_equals_ingest_apis_default_limit() throws IOException {
        Matcher limit =
                Pattern.compile("client_max_body_size (\\d+)m;")
                        .matcher(Files.readString(Path.of("..", "gateway", "nginx.conf")));

        assertThat(limit.find()).as("gateway/nginx.conf sets client_max_body_size in MiB").isTrue();
        assertThat(Long.parseLong(limit.group(1)) * 1024 * 1024)
                .isEqualTo(IngestConfig.from(new Env(Map.of())).limits().maxBodyBytes());
    }
}
