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

        assertThat(http).isEqualTo(new HttpConfig("127.0.0.1", 8081));
        assertThat(env.namesRead()).containsExactlyInAnyOrder("HTTP_HOST", "HTTP_PORT");
    }

    @Test
    void names_every_bad_variable_in_one_message() {
        Env env =
                new Env(
                        Map.of(
                                "HTTP_PORT",
                                "eighty",
                                "DATABASE_POOL_SIZE",
                                "0",
                                "DATABASE_SCHEMA",
                                "Bad-Name"));

        HttpConfig.from(env, 8081);
        DatabaseConfig.from(env, 4);

        assertThatThrownBy(env::requireValid)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(
                        "invalid configuration: HTTP_PORT 'eighty' is not a whole number from 0 to 65535;"
                                + " DATABASE_SCHEMA 'Bad-Name' is not a lower-case SQL name (letters, digits, _);"
                                + " DATABASE_POOL_SIZE '0' is not a whole number from 1 to 200");
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

    @Test
    void never_shows_the_database_password() {
        DatabaseConfig config =
                DatabaseConfig.from(new Env(Map.of("DATABASE_PASSWORD", "s3cret")), 4);

        assertThat(config.toString()).doesNotContain("s3cret").contains("password=****");
    }
}
