package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useranalytics.common.config.InvalidConfigException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorageModeRuleTest {
    private static final Optional<StorageMode> NEW_SCHEMA = Optional.empty();

    @Test
    void auto_takes_timescaledb_only_where_it_can_be_used() {
        assertThat(decide(NEW_SCHEMA, TimescaleOffer.USABLE, StorageChoice.AUTO))
                .isEqualTo(StorageMode.TIMESCALE);
        assertThat(decide(NEW_SCHEMA, TimescaleOffer.NONE, StorageChoice.AUTO))
                .isEqualTo(StorageMode.PLAIN);
    }

    @Test
    void installed_but_not_preloaded_says_how_to_fix_it_instead_of_migrating() {
        assertThatThrownBy(
                        () ->
                                decide(
                                        NEW_SCHEMA,
                                        TimescaleOffer.INSTALLED_NOT_PRELOADED,
                                        StorageChoice.AUTO))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(
                        "invalid configuration: TimescaleDB is installed on this server but not"
                                + " preloaded: add timescaledb to shared_preload_libraries in"
                                + " postgresql.conf and restart PostgreSQL, or set"
                                + " DATABASE_STORAGE_MODE=plain to store events in a plain table");
    }

    @Test
    void plain_is_plain_whatever_the_server_offers() {
        for (TimescaleOffer offer : TimescaleOffer.values()) {
            assertThat(decide(NEW_SCHEMA, offer, StorageChoice.PLAIN)).isEqualTo(StorageMode.PLAIN);
        }
    }

    @Test
    void timescale_asked_of_a_server_without_it_is_refused() {
        assertThatThrownBy(() -> decide(NEW_SCHEMA, TimescaleOffer.NONE, StorageChoice.TIMESCALE))
                .hasMessage(
                        "invalid configuration: DATABASE_STORAGE_MODE=timescale, but this server"
                                + " does not offer the timescaledb extension: install and preload"
                                + " it, or set DATABASE_STORAGE_MODE=auto or plain");
        assertThat(decide(NEW_SCHEMA, TimescaleOffer.USABLE, StorageChoice.TIMESCALE))
                .isEqualTo(StorageMode.TIMESCALE);
    }

    @Test
    void a_migrated_schema_keeps_its_mode_when_the_server_gains_timescaledb() {
        assertThat(
                        decide(
                                Optional.of(StorageMode.PLAIN),
                                TimescaleOffer.USABLE,
                                StorageChoice.AUTO))
                .isEqualTo(StorageMode.PLAIN);
    }

    @Test
    void a_migrated_schema_is_not_switched_by_the_setting() {
        assertThatThrownBy(
                        () ->
                                decide(
                                        Optional.of(StorageMode.PLAIN),
                                        TimescaleOffer.USABLE,
                                        StorageChoice.TIMESCALE))
                .hasMessage(
                        "invalid configuration: schema analytics already stores events in plain"
                                + " mode; DATABASE_STORAGE_MODE=timescale cannot change that: set"
                                + " it to auto or plain, or use another DATABASE_SCHEMA");
    }

    @Test
    void a_hypertable_schema_on_a_server_that_lost_the_preload_says_so() {
        assertThatThrownBy(
                        () ->
                                decide(
                                        Optional.of(StorageMode.TIMESCALE),
                                        TimescaleOffer.INSTALLED_NOT_PRELOADED,
                                        StorageChoice.AUTO))
                .hasMessage(
                        "invalid configuration: schema analytics stores events in a TimescaleDB"
                                + " hypertable, but TimescaleDB is not preloaded: add timescaledb"
                                + " to shared_preload_libraries in postgresql.conf and restart"
                                + " PostgreSQL");
    }

    private static StorageMode decide(
            Optional<StorageMode> migrated, TimescaleOffer offer, StorageChoice choice) {
        return StorageModeRule.decide("analytics", migrated, offer, choice);
    }
}
