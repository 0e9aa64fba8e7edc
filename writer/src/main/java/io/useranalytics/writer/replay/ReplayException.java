package io.useranalytics.writer.replay;

/** A replay that cannot go on, with a sentence for the operator. */
final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplayException(String message) {
        super(message);
    }
}
