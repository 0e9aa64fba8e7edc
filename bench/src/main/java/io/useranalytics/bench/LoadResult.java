package io.useranalytics.bench;

/** What a load run measured: requests, answers that were not the expected status, latencies. */
record LoadResult(
        long requests, long unexpected, double seconds, double p50Millis, double p99Millis) {
    double perSecond() {
        return requests / seconds;
    }
}
