package io.useranalytics.store.offsets;

/** The offsets of one partition's records in a batch: the first, and the next after the last. */
public record OffsetRange(long first, long next) {
    public OffsetRange {
        if (first < 0 || next <= first) {
            throw new IllegalArgumentException("need 0 <= first < next: " + first + ", " + next);
        }
    }

    public OffsetRange including(long offset) {
        return new OffsetRange(Math.min(first, offset), Math.max(next, offset + 1));
    }
}
