package io.useranalytics.writer;

/** A batch could not be written or dead-lettered; nothing of it was committed. */
class BatchWriteException extends Exception {
    BatchWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
