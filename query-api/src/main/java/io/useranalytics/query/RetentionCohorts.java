package io.useranalytics.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.roaringbitmap.RoaringBitmap;

/**
 * Answers GET /analytics/retention exactly: each period's active users are read once (day buckets,
 * or hours in another zone, through {@link SummaryReader}), new users by their first event's time
 * ({@link NewUsers}), and a cohort's return in a later period is the size of the two bitmaps'
 * intersection, never materialised.
 */
final class RetentionCohorts {
    private final SummaryReader reader;
    private final NewUsers newUsers;
    private final Clock clock;

    RetentionCohorts(SummaryReader reader, NewUsers newUsers, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader == null");
        this.newUsers = Objects.requireNonNull(newUsers, "newUsers == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The users whose first event lies in {@code [from, to)}. */
    @FunctionalInterface
    interface NewUsers {
        RoaringBitmap firstIn(Instant from, Instant to);
    }

    List<CohortRow> read(CohortRequest request) {
        ZoneId zone = request.zone();
        Step step = request.cohort();
        Instant now = clock.instant();
        List<Instant> cohortStarts = new ArrayList<>();
        for (Instant start = step.floor(request.from(), zone);
                start.isBefore(request.to());
                start = step.next(start, zone)) {
            cohortStarts.add(start);
        }
        // Every period a cell needs that has begun: the cohorts', then up to N after the last.
        List<Instant> periodStarts = new ArrayList<>(cohortStarts);
        Instant next = step.next(cohortStarts.get(cohortStarts.size() - 1), zone);
        for (int k = 0; k < request.periods() && next.isBefore(now); k++) {
            periodStarts.add(next);
            next = step.next(next, zone);
        }
        List<RoaringBitmap> active = new ArrayList<>();
        for (Instant start : periodStarts) {
            active.add(reader.summarize(start, step.next(start, zone)).users());
        }
        List<CohortRow> rows = new ArrayList<>();
        for (int i = 0; i < cohortStarts.size(); i++) {
            RoaringBitmap cohort =
                    request.newUsers()
                            ? newUsers.firstIn(
                                    cohortStarts.get(i), step.next(cohortStarts.get(i), zone))
                            : active.get(i);
            List<Long> retained = new ArrayList<>();
            for (int k = 1; k <= request.periods() && i + k < active.size(); k++) {
                retained.add((long) RoaringBitmap.andCardinality(cohort, active.get(i + k)));
            }
            rows.add(
                    new CohortRow(
                            cohortStarts.get(i).atZone(zone).toOffsetDateTime(),
                            cohort.getLongCardinality(),
                            retained));
        }
        return rows;
    }
}
