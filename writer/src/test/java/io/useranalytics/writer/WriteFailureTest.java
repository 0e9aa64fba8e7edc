package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/** The first cause that says something decides: the database's, Kafka's, or the encoders'. */
class WriteFailureTest {
    @Test
    void a_database_error_anywhere_in_the_chain_is_read_from_its_sqlstate() {
        assertThat(WriteFailure.of(new BatchWriteException("batch failed", sql("08006"))))
                .isEqualTo(WriteFailure.DATABASE_UNAVAILABLE);
        assertThat(WriteFailure.of(new RuntimeException(sql("22021"))))
                .isEqualTo(WriteFailure.RECORD_REFUSED);
        assertThat(WriteFailure.of(sql("23505"))).isEqualTo(WriteFailure.OTHER);
    }

    @Test
    void kafka_not_answering_is_the_dead_letter_topic() {
        assertThat(WriteFailure.of(new KafkaException("no ack")))
                .isEqualTo(WriteFailure.DEAD_LETTERS_UNAVAILABLE);
        assertThat(WriteFailure.of(new RuntimeException(new TimeoutException())))
                .isEqualTo(WriteFailure.DEAD_LETTERS_UNAVAILABLE);
    }

    @Test
    void an_encoder_refusing_a_value_is_a_refused_record_and_the_rest_is_other() {
        assertThat(WriteFailure.of(new IllegalArgumentException("no such kind")))
                .isEqualTo(WriteFailure.RECORD_REFUSED);
        assertThat(WriteFailure.of(new UncheckedIOException(new IOException("disk"))))
                .isEqualTo(WriteFailure.OTHER);
    }

    private static SQLException sql(String state) {
        return new SQLException("failed", state);
    }
}
