package io.useranalytics.ingest;

import java.util.Objects;

/** A batch item that is not a valid event: its number (NDJSON line or array position) and why. */
record RejectedItem(int line, String parameter, String detail) {
    RejectedItem {
        Objects.requireNonNull(parameter, "parameter == null");
        Objects.requireNonNull(detail, "detail == null");
    }
}
