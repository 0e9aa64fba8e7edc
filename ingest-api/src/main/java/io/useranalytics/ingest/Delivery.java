package io.useranalytics.ingest;

import org.apache.kafka.common.errors.RetriableException;

/** What became of one record handed to Kafka, as far as the producer can tell. */
enum Delivery {
    /** Every in-sync replica has it. */
    ACKNOWLEDGED,
    /** Kafka refused it, or it never left this process: it is not stored. */
    REFUSED,
    /** No answer, or a retriable error after it was sent (a timeout): it may have been stored. */
    UNKNOWN;

    /** The outcome of an error the producer reported for a record it had taken. */
    static Delivery ofError(Exception error) {
        return error instanceof RetriableException ? UNKNOWN : REFUSED;
    }
}
