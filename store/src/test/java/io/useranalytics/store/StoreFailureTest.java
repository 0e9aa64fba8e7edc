package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreFailureTest {
    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @CsvSource({
        "08006, UNAVAILABLE", // connection failure
        "57P01, UNAVAILABLE", // admin shutdown
        "53100, UNAVAILABLE", // disk full
        "25006, UNAVAILABLE", // read-only transaction: a standby
        "22021, VALUE_REFUSED", // invalid byte sequence for the encoding
        "22001, VALUE_REFUSED", // value too long
        "23514, VALUE_REFUSED", // check constraint
        "23505, OTHER", // unique key taken by another writer meanwhile
        "42P01, OTHER", // undefined table
        "40001, OTHER" // serialization failure
    })
    void a_database_error_is_read_from_its_sqlstate(String state, StoreFailure expected) {
        assertThat(StoreFailure.of(new SQLException("failed", state))).contains(expected);
    }

    @Test
    void a_connection_exception_is_unavailable_whatever_its_state() {
        assertThat(StoreFailure.of(new SQLTransientConnectionException("pool timed out")))
                .contains(StoreFailure.UNAVAILABLE);
    }

    @Test
    void no_or_a_malformed_state_is_other() {
        assertThat(StoreFailure.of(new SQLException("no state"))).contains(StoreFailure.OTHER);
        assertThat(StoreFailure.of(new SQLException("short", "22"))).contains(StoreFailure.OTHER);
    }

    @Test
    void what_is_not_a_database_error_says_nothing() {
        assertThat(StoreFailure.of(new IllegalStateException("x"))).isEmpty();
        assertThat(StoreFailure.of(new RuntimeException(new SQLException("wrapped", "08006"))))
                .isEmpty();
    }
}
