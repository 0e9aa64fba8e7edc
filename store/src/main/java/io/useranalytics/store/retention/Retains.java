package io.useranalytics.store.retention;

import io.useranalytics.store.rollup.BucketKey;
import java.time.Instant;

/** What the retention keeps at one moment: a batch stores nothing its next run would remove. */
public interface Retains {
    /** Whether the raw event at {@code instant} is kept. */
    boolean keepsEvent(Instant instant);

    /** Whether any of the bucket is kept. */
    boolean keepsBucket(BucketKey bucket);
}
