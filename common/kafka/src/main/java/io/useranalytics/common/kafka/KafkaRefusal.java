package io.useranalytics.common.kafka;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Says in one sentence when Kafka refused a client's credentials or rights, which no retry mends:
 * an operator must change a setting or an ACL.
 */
public final class KafkaRefusal {
    private KafkaRefusal() {}

    /** The sentence, if {@code failure} or one of its causes is such a refusal. */
    public static Optional<String> explain(Throwable failure, KafkaConnection connection) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException) {
                return Optional.of(
                        "Kafka authentication failed at "
                                + connection.describe()
                                + ": "
                                + cause.getMessage()
                                + " (check KAFKA_SECURITY_PROTOCOL, the KAFKA_SASL_* and"
                                + " KAFKA_SSL_* settings)");
            }
            if (cause instanceof AuthorizationException) {
                return Optional.of(
                        "Kafka at "
                                + connection.describe()
                                + " refused this user: "
                                + cause.getMessage()
                                + " (the user needs rights to describe, create, read and write"
                                + " the topics, and to use the consumer group)");
            }
        }
        return Optional.empty();
    }
}
