package io.useranalytics.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
    @Test
    void uses_defaults_for_missing_and_blank_variables() {
        Env env = new Env(Map.of("HTTP_HOST", " "));

        HttpConfig http = HttpConfig.from(env, 8081);
        env.requireValid();

        assertThat(http).isEqualTo(new HttpConfig("127.0.0.1", 8081, HttpLimits.DEFAULTS));
        assertThat(env.namesRead())
                .containsExactlyInAnyOrder(
                        "HTTP_HOST",
                        "HTTP_PORT",
                        "HTTP_MIN_REQUEST_BYTES_PER_SECOND",
                        "HTTP_MAX_CONCURRENT_REQUESTS",
                        "HTTP_MAX_CONNECTIONS");
    }

    @Test
    void reads_the_accepted_timestamp_range_and_rejects_an_earliest_that_is_no_utc_instant() {
        Env good =
                new Env(
                        Map.of(
                                "TIMESTAMP_EARLIEST",
                                "2020-01-01T00:00:00Z",
                                "TIMESTAMP_MAX_AHEAD_SECONDS",
                                "60"));
        Env bad = new Env(Map.of("TIMESTAMP_EARLIEST", "yesterday"));

        TimestampConfig config = TimestampConfig.from(good);
        TimestampConfig.from(bad);

        assertThat(config)
                .isEqualTo(
                        new TimestampConfig(
                                java.time.Instant.parse("2020-01-01T00:00:00Z"),
                                java.time.Duration.ofSeconds(60)));
        assertThatThrownBy(bad::requireValid)
                .hasMessage(
                        "invalid configuration: TIMESTAMP_EARLIEST 'yesterday' is not an ISO-8601 UTC instant"
                                + " such as 2020-01-01T00:00:00Z");
    }
}
