package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.HttpConfig;
import io.useranalytics.common.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {
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
        DatabaseConfig.migratingUnlessTold(env, 4);

        assertThatThrownBy(env::requireValid)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(
                        "invalid configuration: HTTP_PORT 'eighty' is not a whole number from 0 to 65535;"
                                + " DATABASE_SCHEMA 'Bad-Name' is not a lower-case SQL name (letters, digits, _);"
                                + " DATABASE_POOL_SIZE '0' is not a whole number from 1 to 200");
    }

    @Test
    void never_shows_the_database_password() {
        DatabaseConfig config =
                DatabaseConfig.migratingUnlessTold(
                        new Env(Map.of("DATABASE_PASSWORD", "s3cret")), 4);

        assertThat(config.toString()).doesNotContain("s3cret").contains("password=****");
    }
}
