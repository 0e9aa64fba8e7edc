package io.useranalytics.common.http;

import java.util.Objects;

/** The largest request body a service takes, and the setting that says so, for the 413. */
public record BodyLimit(long bytes, String setting) {
    /** What a service that takes no bodies allows. */
    public static final BodyLimit SMALL = new BodyLimit(64 * 1024, "the server's limit");

    public BodyLimit {
        Objects.requireNonNull(setting, "setting == null");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes < 0: " + bytes);
        }
    }
}
