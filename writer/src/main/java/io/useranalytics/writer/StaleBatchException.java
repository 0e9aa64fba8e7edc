package io.useranalytics.writer;

/**
 * The stored offsets are already past the start of a batch: another writer (or an earlier attempt
 * whose commit succeeded unseen) has committed some of its records. Nothing was written.
 */
final class StaleBatchException extends BatchWriteException {
    StaleBatchException(String message) {
        super(message, null);
    }
}
