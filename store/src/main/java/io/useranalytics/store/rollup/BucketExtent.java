package io.useranalytics.store.rollup;

import java.time.Instant;
import java.util.Objects;

/** The starts of the first and the last stored bucket of a granularity. */
public record BucketExtent(Instant first, Instant last) {
    public BucketExtent {
        Objects.requireNonNull(first, "first == null");
        Objects.requireNonNull(last, "last == null");
    }
}
