package io.useranalytics.record;

/**
 * The headers of a dead-lettered record, besides its original ones: why it was rejected and where
 * it was read. A replayed record carries {@link #REPLAYED_FROM} instead, naming the dead letter it
 * came from.
 */
public final class DeadLetterHeaders {
    public static final String REASON = "x-dlq-reason";
    public static final String SOURCE_TOPIC = "x-dlq-source-topic";
    public static final String SOURCE_PARTITION = "x-dlq-source-partition";
    public static final String SOURCE_OFFSET = "x-dlq-source-offset";
    public static final String REPLAYED_FROM = "x-replayed-from";

    private DeadLetterHeaders() {}

    /** Whether a header is one the writer adds when it dead-letters a record. */
    public static boolean isDeadLetterHeader(String key) {
        return key.equals(REASON)
                || key.equals(SOURCE_TOPIC)
                || key.equals(SOURCE_PARTITION)
                || key.equals(SOURCE_OFFSET);
    }
}
