package io.useranalytics.embedded.postgres;

/** The data directory belongs to a server whose process still runs: a second one may not start. */
public final class DataDirectoryInUseException extends IllegalStateException {
    DataDirectoryInUseException(String message) {
        super(message);
    }
}
