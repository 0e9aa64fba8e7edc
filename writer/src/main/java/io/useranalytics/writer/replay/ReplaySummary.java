package io.useranalytics.writer.replay;

import java.time.Duration;

/**
 * What a replay did: dead letters read (from where this replay's name had stopped to the end the
 * topic had when it started), how many went back to the event topic, how many the filter left.
 */
record ReplaySummary(long read, long replayed, Duration took) {
    long leftByFilter() {
        return read - replayed;
    }
}
