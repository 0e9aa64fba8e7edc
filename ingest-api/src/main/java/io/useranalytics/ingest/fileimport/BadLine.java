package io.useranalytics.ingest.fileimport;

import java.nio.file.Path;
import java.util.Objects;

/** A line that is not a valid event: where it is and why, as the API would have said. */
record BadLine(Path file, int line, String detail) {
    BadLine {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(detail, "detail == null");
    }

    /** E.g. {@code events.csv:17: timestamp 'abc' is not epoch seconds, ...}. */
    String describe() {
        return file + ":" + line + ": " + detail;
    }
}
