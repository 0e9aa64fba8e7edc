package io.useranalytics.bench;

import java.time.Duration;

/**
 * Runs a closed-loop load against one endpoint: warm up (unless the warm-up is zero), then measure.
 */
interface LoadClient {
    LoadResult run(
            String task, LoadTarget target, int expectedStatus, Duration warmup, Duration measure)
            throws Exception;

    /** Names the client in the report. */
    String description();

    /** Requests in flight at once: one per connection. */
    int connections();
}
