package io.useranalytics.common.tool;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator tool's terminal shows its own progress and errors: the Kafka clients' warnings (one
 * per reconnect attempt) would bury them, so only their errors are logged.
 */
public final class ToolLogging {
    private ToolLogging() {}

    public static void quietKafkaClients() {
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
    }
}
