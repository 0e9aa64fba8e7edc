package io.useranalytics.store.offsets;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the writer resumes a partition: the next offset to load, and the id of the topic that
 * offset was read from (absent on rows stored before ids were kept).
 */
public record StoredOffset(long next, Optional<String> topicId) {
    public StoredOffset {
        Objects.requireNonNull(topicId, "topicId == null");
        if (next < 0) {
            throw new IllegalArgumentException("next offset " + next + " < 0");
        }
    }
}
