package io.useranalytics.common.config;

import java.util.List;

/** Start-up configuration that cannot be used; the message lists every problem. */
public final class InvalidConfigException extends RuntimeException {
    public InvalidConfigException(List<String> problems) {
        super("invalid configuration: " + String.join("; ", problems));
    }
}
