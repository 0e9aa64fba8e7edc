package io.useranalytics.testsupport;

import io.useranalytics.record.EventKind;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The tests' oracle: the answer for a window counted the slow, obvious way from every event sent,
 * to hold the service's rollup-based answer against.
 */
public final class BruteForce {
    private BruteForce() {}

    /** Unique users, clicks and impressions of the events in [from, endExclusive). */
    public record Counts(long uniqueUsers, long clicks, long impressions) {
        /** As GET /analytics answers it. */
        public String asSummaryCsv() {
            return "unique_users,"
                    + uniqueUsers
                    + "\nclicks,"
                    + clicks
                    + "\nimpressions,"
                    + impressions
                    + "\n";
        }
    }

    public static Counts count(Collection<SentEvent> sent, Instant from, Instant endExclusive) {
        Set<String> users = new HashSet<>();
        long clicks = 0;
        long impressions = 0;
        for (SentEvent event : sent) {
            if (!event.at().isBefore(from) && event.at().isBefore(endExclusive)) {
                users.add(event.user());
                if (event.kind() == EventKind.CLICK) {
                    clicks++;
                } else {
                    impressions++;
                }
            }
        }
        return new Counts(users.size(), clicks, impressions);
    }
}
