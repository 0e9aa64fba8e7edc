package io.useranalytics.writer;

import io.useranalytics.common.config.Env;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the writer joins its consumer group: the group (also the key of its stored offsets), a static
 * member id if set, and the session timeout after which the group gives its partitions away.
 */
public record GroupMembership(String group, Optional<String> instanceId, Duration sessionTimeout) {
    public GroupMembership {
        Objects.requireNonNull(group, "group == null");
        Objects.requireNonNull(instanceId, "instanceId == null");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout == null");
    }

    static GroupMembership from(Env env) {
        return new GroupMembership(
                env.string("WRITER_GROUP_ID", "user-analytics-writer"),
                Optional.of(env.string("WRITER_INSTANCE_ID", "")).filter(id -> !id.isEmpty()),
                env.millis(
                        "WRITER_SESSION_TIMEOUT_MS",
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(6),
                        Duration.ofMinutes(5)));
    }
}
