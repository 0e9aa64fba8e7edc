package io.useranalytics.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.roaringbitmap.RoaringBitmap;

/**
 * Answers GET /analytics/active exactly: each day of the zone in the request (and the window's days
 * before its first point) is read once, a UTC day bucket or its hours ({@link SummaryReader}), and
 * the windows slide over them ({@link SlidingUnion}) instead of each uniting its days anew.
 */
final class ActiveUsers {
    private final SummaryReader reader;

    ActiveUsers(SummaryReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader == null");
    }

    List<ActiveRow> read(ActiveRequest request) {
        ZoneId zone = request.zone();
        Step step = request.step();
        int windowDays = request.window().days();
        boolean stickiness = request.window() == ActiveWindow.THIRTY_DAYS;
        List<Instant> starts = new ArrayList<>();
        for (Instant start = step.floor(request.from(), zone);
                start.isBefore(request.to());
                start = step.next(start, zone)) {
            starts.add(start);
        }
        List<ActiveRow> rows = new ArrayList<>();
        SlidingUnion window = new SlidingUnion();
        LocalDate day = dayOf(step.next(starts.get(0), zone), zone).minusDays(windowDays);
        for (Instant start : starts) {
            LocalDate end = dayOf(step.next(start, zone), zone);
            RoaringBitmap lastDay = new RoaringBitmap();
            for (; day.isBefore(end); day = day.plusDays(1)) {
                lastDay = usersOf(day, zone);
                window.push(lastDay);
                if (window.size() > windowDays) {
                    window.pop();
                }
            }
            rows.add(
                    new ActiveRow(
                            start.atZone(zone).toOffsetDateTime(),
                            window.cardinality(),
                            stickiness
                                    ? OptionalLong.of(lastDay.getLongCardinality())
                                    : OptionalLong.empty()));
        }
        return rows;
    }

    private RoaringBitmap usersOf(LocalDate day, ZoneId zone) {
        return reader.summarize(startOf(day, zone), startOf(day.plusDays(1), zone)).users();
    }

    private static LocalDate dayOf(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }
}
