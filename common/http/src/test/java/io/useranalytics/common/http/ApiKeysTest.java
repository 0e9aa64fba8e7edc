package io.useranalytics.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    @Test
    void no_keys_means_auth_is_off() {
        ApiKeys keys = ApiKeys.from(new Env(Map.of()), "QUERY_API_KEYS");

        assertThat(keys.isEnabled()).isFalse();
        assertThat(keys).hasToString("auth off");
    }

    @Test
    void says_how_many_keys_there_are_never_what_they_are() {
        ApiKeys keys =
                ApiKeys.from(
                        new Env(
                                Map.of(
                                        "QUERY_API_KEYS",
                                        "secret-one-0123456789,secret-two-0123456789")),
                        "QUERY_API_KEYS");

        assertThat(keys.isEnabled()).isTrue();
        assertThat(keys).hasToString("2 API key(s) from QUERY_API_KEYS");
    }

    @Test
    void a_short_key_is_a_config_error_that_does_not_repeat_the_key() {
        Env env = new Env(Map.of("INGEST_API_KEYS", "long-enough-key-12345, short"));
        ApiKeys.from(env, "INGEST_API_KEYS");

        assertThatThrownBy(env::requireValid)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(
                        "INGEST_API_KEYS entry 2 is not a key of at least 16 characters without spaces")
                .hasMessageNotContaining("short");
    }
}
