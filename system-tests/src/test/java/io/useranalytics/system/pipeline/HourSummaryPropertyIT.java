package io.useranalytics.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.kafka.TopicSetup;
import io.useranalytics.query.QueryApp;
import io.useranalytics.query.QueryConfig;
import io.useranalytics.record.EventKind;
import io.useranalytics.testsupport.BruteForce;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.SentEvent;
import io.useranalytics.testsupport.StoredEvents;
import io.useranalytics.writer.WriterApp;
import io.useranalytics.writer.WriterConfig;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random events (about 5% late) through the real writer; random GETs and series requests through
 * the real query-api; every answer equal to a brute-force count of what was sent.
 */
class HourSummaryPropertyIT {
    private static final String TOPIC = "analytics.events";
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofHours(5);
    private static final long STALENESS_MS = 500;

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private static final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private static WriterApp writer;
    private static LocalService<QueryApp> query;
    private static Http http;

    /** An event as sent. */
    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("WRITER_BATCH_MAX_EVENTS", "500");
        env.put("WRITER_BATCH_MAX_AGE_MS", "50");
        env.put("QUERY_MAX_STALENESS_MS", Long.toString(STALENESS_MS));
        TopicSetup.ensure(kafka.bootstrapServers(), Map.of(TOPIC, 6));
        writer =
                WriterApp.start(
                        WriterConfig.from(new Env(env)), new SimpleMeterRegistry(), failures::add);
        query =
                LocalService.start(
                        registry -> QueryApp.connect(QueryConfig.from(new Env(env)), registry));
        http = query.http();
    }

    @AfterAll
    static void stop() {
        writer.close();
        query.close();
        assertThat(failures).isEmpty();
    }

    @Test
    void every_answer_equals_a_brute_force_count_of_random_partly_late_events() {
        Random random = new Random(2026);
        List<SentEvent> sent = randomEvents(random, 5_000);
        produce(sent);
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "p-");
        await().atMost(Duration.ofSeconds(60)).until(() -> stored.count() == sent.size());
        await().pollDelay(Duration.ofMillis(STALENESS_MS + 100)).until(() -> true);

        int gets = 0;
        for (int i = 0; i < 400; i++) {
            Instant at =
                    START.minus(Duration.ofMinutes(10))
                            .plusMillis(
                                    (long) (random.nextDouble() * (SPAN.toMillis() + 1_200_000)));
            int form = random.nextInt(3);
            boolean calendar = random.nextInt(4) == 0;
            String timestamp =
                    form == 0
                            ? Long.toString(at.getEpochSecond())
                            : form == 1
                                    ? Long.toString(at.toEpochMilli())
                                    : at.truncatedTo(ChronoUnit.SECONDS).toString();
            Instant end =
                    form == 1
                            ? at.truncatedTo(ChronoUnit.MILLIS)
                            : at.truncatedTo(ChronoUnit.SECONDS);
            ChronoUnit precision = form == 1 ? ChronoUnit.MILLIS : ChronoUnit.SECONDS;
            Instant from =
                    calendar ? end.truncatedTo(ChronoUnit.HOURS) : end.minus(Duration.ofHours(1));
            Instant endExclusive =
                    calendar ? from.plus(Duration.ofHours(1)) : end.plus(1, precision);

            String body =
                    http.get("/analytics?timestamp=" + timestamp + (calendar ? "&window=hour" : ""))
                            .body();

            assertThat(body)
                    .as("GET timestamp=%s calendar=%s", timestamp, calendar)
                    .isEqualTo(summary(sent, from, endExclusive));
            gets++;
        }
        int ranges = 0;
        for (int i = 0; i < 200; i++) {
            Instant[] ends = {randomEnd(random), randomEnd(random)};
            Arrays.sort(ends);
            if (i % 40 == 0) {
                ends[0] = START.minus(Duration.ofDays(15));
                ends[1] = START.plus(Duration.ofDays(15));
            }
            if (ends[0].equals(ends[1])) {
                continue;
            }

            assertRangeAnswer(sent, ends[0], ends[1]);
            ranges++;
        }
        int series = 0;
        String[] steps = {"1m", "5m", "1h", "1d"};
        Duration[] sizes = {
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(1)
        };
        for (int i = 0; i < 60; i++) {
            int s = random.nextInt(steps.length);
            Instant from = START.plusSeconds(random.nextInt((int) SPAN.toSeconds()));
            Instant to = from.plus(sizes[s].multipliedBy(1 + random.nextInt(6)));

            String body =
                    http.get("/analytics/series?from=" + from + "&to=" + to + "&step=" + steps[s])
                            .body();

            assertThat(body)
                    .as("series %s .. %s step %s", from, to, steps[s])
                    .isEqualTo(series(sent, from, to, sizes[s]));
            series++;
        }
        long late = sent.stream().filter(e -> e.user().startsWith("p-late")).count();
        System.out.printf(
                "HourSummaryPropertyIT: %d events (%d late) through the writer; %d hour GETs, %d range"
                        + " GETs and %d series requests, all equal to brute force%n",
                sent.size(), late, gets, ranges, series);
    }

    @Test
    void ranges_and_day_series_over_400_days_equal_a_brute_force_count() {
        Random random = new Random(400);
        Instant first = Instant.parse("2023-01-01T00:00:00Z");
        Duration span = Duration.ofDays(400);
        List<SentEvent> sent = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Instant at = first.plusMillis((long) (random.nextDouble() * span.toMillis()));
            EventKind kind = random.nextBoolean() ? EventKind.CLICK : EventKind.IMPRESSION;
            sent.add(new SentEvent(at, "y-" + random.nextInt(500), kind));
        }
        // In time order, but a twentieth of them arrive last, long after their day.
        sent.sort((a, b) -> a.at().compareTo(b.at()));
        List<SentEvent> arrival = new ArrayList<>();
        List<SentEvent> late = new ArrayList<>();
        for (SentEvent event : sent) {
            (random.nextInt(20) == 0 ? late : arrival).add(event);
        }
        arrival.addAll(late);
        produce(arrival);
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "y-");
        await().atMost(Duration.ofSeconds(60)).until(() -> stored.count() == sent.size());
        await().pollDelay(Duration.ofMillis(STALENESS_MS + 100)).until(() -> true);

        ChronoUnit[] alignments = {
            ChronoUnit.DAYS,
            ChronoUnit.HOURS,
            ChronoUnit.MINUTES,
            ChronoUnit.SECONDS,
            ChronoUnit.MILLIS
        };
        int ranges = 0;
        for (int i = 0; i < 150; i++) {
            Instant[] ends = new Instant[2];
            for (int e = 0; e < 2; e++) {
                ends[e] =
                        first.minus(Duration.ofDays(5))
                                .plusMillis(
                                        (long) (random.nextDouble() * span.plusDays(10).toMillis()))
                                .truncatedTo(alignments[random.nextInt(alignments.length)]);
            }
            Arrays.sort(ends);
            if (ends[0].equals(ends[1])) {
                continue;
            }

            assertRangeAnswer(sent, ends[0], ends[1]);
            ranges++;
        }
        int series = 0;
        for (int i = 0; i < 20; i++) {
            Instant from =
                    first.plus(Duration.ofDays(random.nextInt(400)))
                            .plus(Duration.ofHours(random.nextInt(24)));
            Instant to =
                    i == 0 ? first.plus(span) : from.plus(Duration.ofDays(1 + random.nextInt(60)));
            if (i == 0) {
                from = first;
            }

            String body =
                    http.get("/analytics/series?from=" + from + "&to=" + to + "&step=1d").body();

            assertThat(body)
                    .as("series %s .. %s step 1d", from, to)
                    .isEqualTo(series(sent, from, to, Duration.ofDays(1)));
            series++;
        }
        int zoned = 0;
        String[] zones = {"UTC", "America/New_York", "Australia/Adelaide"};
        String[] calendarSteps = {"1d", "1w", "1mo"};
        for (int i = 0; i < 30; i++) {
            ZoneId zone = ZoneId.of(zones[i % zones.length]);
            String step = calendarSteps[random.nextInt(calendarSteps.length)];
            LocalDate from = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(380));
            LocalDate to = from.plusDays(1 + random.nextInt(step.equals("1d") ? 40 : 200));

            String body =
                    http.get(
                                    "/analytics/series?from="
                                            + from
                                            + "&to="
                                            + to
                                            + "&step="
                                            + step
                                            + "&tz="
                                            + zone)
                            .body();
            String range = http.get("/analytics?from=" + from + "&to=" + to + "&tz=" + zone).body();

            assertThat(body)
                    .as("series %s .. %s step %s in %s", from, to, step, zone)
                    .isEqualTo(zonedSeries(sent, from, to, step, zone));
            assertThat(range)
                    .as("range %s .. %s in %s", from, to, zone)
                    .isEqualTo(
                            summary(
                                    sent,
                                    from.atStartOfDay(zone).toInstant(),
                                    to.atStartOfDay(zone).toInstant()));
            zoned++;
        }
        int active = 0;
        String[] windows = {"1d", "7d", "28d", "30d"};
        for (int i = 0; i < 24; i++) {
            ZoneId zone = ZoneId.of(zones[i % 2]);
            String window = windows[(i / 2) % windows.length];
            String step = i % 3 == 0 ? "1w" : "1d";
            LocalDate from = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(380));
            LocalDate to = from.plusDays(1 + random.nextInt(step.equals("1d") ? 45 : 120));

            String body =
                    http.get(
                                    "/analytics/active?from="
                                            + from
                                            + "&to="
                                            + to
                                            + "&window="
                                            + window
                                            + "&step="
                                            + step
                                            + "&tz="
                                            + zone)
                            .body();

            assertThat(body)
                    .as("active %s .. %s window %s step %s in %s", from, to, window, step, zone)
                    .isEqualTo(activeUsers(sent, from, to, window, step, zone));
            active++;
        }
        int cohorts = 0;
        for (int i = 0; i < 18; i++) {
            ZoneId zone = ZoneId.of(zones[i % zones.length]);
            String cohort = calendarSteps[(i / 3) % calendarSteps.length];
            boolean newUsers = i % 2 == 1;
            int periods = 1 + random.nextInt(12);
            LocalDate from = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(300));
            LocalDate to = from.plusDays(1 + random.nextInt(cohort.equals("1d") ? 20 : 90));

            String body =
                    http.get(
                                    "/analytics/retention?from="
                                            + from
                                            + "&to="
                                            + to
                                            + "&cohort="
                                            + cohort
                                            + "&periods="
                                            + periods
                                            + "&basis="
                                            + (newUsers ? "new" : "active")
                                            + "&tz="
                                            + zone)
                            .body();

            assertThat(body)
                    .as(
                            "retention %s .. %s cohort %s x %d in %s, new users %s",
                            from, to, cohort, periods, zone, newUsers)
                    .isEqualTo(cohorts(sent, from, to, cohort, periods, zone, newUsers));
            cohorts++;
        }
        System.out.printf(
                "HourSummaryPropertyIT: %d events over 400 days (%d late); %d range GETs and %d day"
                        + " series in UTC, %d series of days, weeks or months and ranges of dates in"
                        + " %s, %d active-user series (1d, 7d, 28d, 30d windows), %d retention"
                        + " triangles (of active and of new users), all equal to brute force%n",
                sent.size(),
                late.size(),
                ranges,
                series,
                zoned,
                String.join(", ", zones),
                active,
                cohorts);
    }

    @Test
    void a_late_event_in_a_cached_bucket_shows_within_the_staleness_bound() {
        Instant hour = Instant.parse("2020-01-01T10:00:00Z");
        produce(List.of(new SentEvent(hour.plusSeconds(100), "c-1", EventKind.CLICK)));
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "c-");
        await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() == 1);
        String timestamp = Long.toString(hour.plusSeconds(3599).getEpochSecond());
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                http.get("/analytics?timestamp=" + timestamp)
                                        .body()
                                        .equals("unique_users,1\nclicks,1\nimpressions,0\n"));

        produce(
                List.of(
                        new SentEvent(
                                hour.plusSeconds(100).plusMillis(5), "c-2", EventKind.IMPRESSION)));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() == 2);
        long visibleInDatabase = System.nanoTime();
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                http.get("/analytics?timestamp=" + timestamp)
                                        .body()
                                        .equals("unique_users,2\nclicks,1\nimpressions,1\n"));
        long shownAfterMillis = (System.nanoTime() - visibleInDatabase) / 1_000_000;

        System.out.printf(
                "HourSummaryPropertyIT: a late event in a cached bucket showed %d ms after it was in the database"
                        + " (bound %d ms)%n",
                shownAfterMillis, STALENESS_MS);
        assertThat(shownAfterMillis).isLessThanOrEqualTo(STALENESS_MS + 250);
    }

    /**
     * An instant in or near the events' span, aligned to an hour, a minute, a second or a
     * millisecond, so that every mix of buckets and raw edges is asked for.
     */
    private static Instant randomEnd(Random random) {
        Instant at =
                START.minus(Duration.ofMinutes(30))
                        .plusMillis((long) (random.nextDouble() * (SPAN.toMillis() + 3_600_000)));
        ChronoUnit[] alignments = {
            ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS, ChronoUnit.MILLIS
        };
        return at.truncatedTo(alignments[random.nextInt(alignments.length)]);
    }

    /** As a client may write it: epoch seconds or ISO-8601 for whole seconds, else epoch millis. */
    private static String written(Instant at) {
        if (at.getNano() != 0) {
            return Long.toString(at.toEpochMilli());
        }
        return at.getEpochSecond() % 2 == 0 ? Long.toString(at.getEpochSecond()) : at.toString();
    }

    private static List<SentEvent> randomEvents(Random random, int count) {
        List<SentEvent> inOrder = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = START.plusMillis((long) (random.nextDouble() * SPAN.toMillis()));
            if (random.nextInt(3) == 0) {
                at = at.truncatedTo(ChronoUnit.SECONDS);
            }
            EventKind kind = random.nextBoolean() ? EventKind.CLICK : EventKind.IMPRESSION;
            boolean late = random.nextInt(20) == 0;
            inOrder.add(new SentEvent(at, (late ? "p-late-" : "p-") + random.nextInt(300), kind));
        }
        List<SentEvent> timely =
                new ArrayList<>(
                        inOrder.stream().filter(e -> !e.user().startsWith("p-late")).toList());
        timely.sort((a, b) -> a.at().compareTo(b.at()));
        List<SentEvent> lateOnes =
                inOrder.stream().filter(e -> e.user().startsWith("p-late")).toList();
        // Late events arrive after events far newer than themselves: at the end, after their hour.
        List<SentEvent> arrival = new ArrayList<>(timely);
        for (SentEvent late : lateOnes) {
            arrival.add(
                    Math.min(
                            arrival.size(),
                            timely.size() / 2 + random.nextInt(timely.size() / 2 + 1)),
                    late);
        }
        return arrival;
    }

    private static void produce(List<SentEvent> events) {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (SentEvent event : events) {
                String value =
                        "{\"timestamp\":"
                                + event.at().toEpochMilli()
                                + ",\"user\":\""
                                + event.user()
                                + "\",\"event\":\""
                                + event.kind().wireName()
                                + "\"}";
                producer.send(new ProducerRecord<>(TOPIC, bytes(event.user()), bytes(value)));
            }
            producer.flush();
        }
    }

    private static void assertRangeAnswer(List<SentEvent> sent, Instant from, Instant to) {
        String body = http.get("/analytics?from=" + written(from) + "&to=" + written(to)).body();

        assertThat(body)
                .as("GET from=%s to=%s", written(from), written(to))
                .isEqualTo(summary(sent, from, to));
    }

    private static String summary(List<SentEvent> sent, Instant from, Instant endExclusive) {
        return BruteForce.count(sent, from, endExclusive).asSummaryCsv();
    }

    private static String series(List<SentEvent> sent, Instant from, Instant to, Duration step) {
        StringBuilder csv = new StringBuilder("time,unique_users,clicks,impressions\n");
        long size = step.toMillis();
        for (Instant start = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), size) * size);
                start.isBefore(to);
                start = start.plus(step)) {
            BruteForce.Counts counts = BruteForce.count(sent, start, start.plus(step));
            csv.append(start)
                    .append(',')
                    .append(counts.uniqueUsers())
                    .append(',')
                    .append(counts.clicks())
                    .append(',')
                    .append(counts.impressions())
                    .append('\n');
        }
        return csv.toString();
    }

    /** The rows of the zone's calendar, counted from what was sent: no code of query-api's. */
    private static String zonedSeries(
            List<SentEvent> sent, LocalDate from, LocalDate to, String step, ZoneId zone) {
        LocalDate start = firstDayOf(step, from);
        StringBuilder csv = new StringBuilder("time,unique_users,clicks,impressions\n");
        while (start.isBefore(to)) {
            LocalDate next = nextOf(step, start);
            ZonedDateTime rowStart = start.atStartOfDay(zone);
            BruteForce.Counts counts =
                    BruteForce.count(
                            sent, rowStart.toInstant(), next.atStartOfDay(zone).toInstant());
            csv.append(rowStart.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .append(',')
                    .append(counts.uniqueUsers())
                    .append(',')
                    .append(counts.clicks())
                    .append(',')
                    .append(counts.impressions())
                    .append('\n');
            start = next;
        }
        return csv.toString();
    }

    /** DAU/WAU/MAU per day or week of the zone, with stickiness for 30 days, by brute force. */
    private static String activeUsers(
            List<SentEvent> sent,
            LocalDate from,
            LocalDate to,
            String window,
            String step,
            ZoneId zone) {
        int days = Integer.parseInt(window.substring(0, window.length() - 1));
        boolean monthly = days == 30;
        StringBuilder csv =
                new StringBuilder(
                        monthly ? "time,active_users,dau,stickiness\n" : "time,active_users\n");
        LocalDate start = firstDayOf(step, from);
        while (start.isBefore(to)) {
            LocalDate end = nextOf(step, start);
            Instant endInstant = end.atStartOfDay(zone).toInstant();
            long users =
                    BruteForce.count(
                                    sent,
                                    end.minusDays(days).atStartOfDay(zone).toInstant(),
                                    endInstant)
                            .uniqueUsers();
            csv.append(
                            start.atStartOfDay(zone)
                                    .toOffsetDateTime()
                                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .append(',')
                    .append(users);
            if (monthly) {
                long dau =
                        BruteForce.count(
                                        sent,
                                        end.minusDays(1).atStartOfDay(zone).toInstant(),
                                        endInstant)
                                .uniqueUsers();
                csv.append(',')
                        .append(dau)
                        .append(',')
                        .append(
                                String.format(
                                        Locale.ROOT,
                                        "%.4f",
                                        users == 0 ? 0.0 : (double) dau / users));
            }
            csv.append('\n');
            start = end;
        }
        return csv.toString();
    }

    /**
     * The retention triangle of the zone's periods, from the users sent in each: cohorts of the
     * users active in a period, or of those whose earliest event lies in it.
     */
    private static String cohorts(
            List<SentEvent> sent,
            LocalDate from,
            LocalDate to,
            String step,
            int periods,
            ZoneId zone,
            boolean newUsers) {
        Map<String, Instant> firstEvent = new HashMap<>();
        for (SentEvent event : sent) {
            firstEvent.merge(event.user(), event.at(), (a, b) -> a.isBefore(b) ? a : b);
        }
        List<LocalDate> starts = new ArrayList<>();
        LocalDate start = firstDayOf(step, from);
        int cohortCount = 0;
        while (start.isBefore(to) || starts.size() < cohortCount + periods) {
            if (start.isBefore(to)) {
                cohortCount++;
            }
            starts.add(start);
            start = nextOf(step, start);
        }
        starts.add(start);
        List<Set<String>> users = new ArrayList<>();
        for (int p = 0; p + 1 < starts.size(); p++) {
            Instant begin = starts.get(p).atStartOfDay(zone).toInstant();
            Instant end = starts.get(p + 1).atStartOfDay(zone).toInstant();
            users.add(
                    sent.stream()
                            .filter(e -> !e.at().isBefore(begin) && e.at().isBefore(end))
                            .map(SentEvent::user)
                            .collect(Collectors.toSet()));
        }
        StringBuilder csv = new StringBuilder("cohort,users");
        for (int k = 1; k <= periods; k++) {
            csv.append(",period_").append(k);
        }
        csv.append('\n');
        for (int c = 0; c < cohortCount; c++) {
            Instant begin = starts.get(c).atStartOfDay(zone).toInstant();
            Instant end = starts.get(c + 1).atStartOfDay(zone).toInstant();
            Set<String> cohort =
                    newUsers
                            ? firstEvent.entrySet().stream()
                                    .filter(
                                            e ->
                                                    !e.getValue().isBefore(begin)
                                                            && e.getValue().isBefore(end))
                                    .map(Map.Entry::getKey)
                                    .collect(Collectors.toSet())
                            : users.get(c);
            csv.append(
                            starts.get(c)
                                    .atStartOfDay(zone)
                                    .toOffsetDateTime()
                                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .append(',')
                    .append(cohort.size());
            for (int k = 1; k <= periods; k++) {
                Set<String> returned = new HashSet<>(cohort);
                returned.retainAll(users.get(c + k));
                csv.append(',').append(returned.size());
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** The first day of the zone's day, week (from Monday) or month holding {@code day}. */
    private static LocalDate firstDayOf(String step, LocalDate day) {
        return switch (step) {
            case "1w" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "1mo" -> day.withDayOfMonth(1);
            default -> day;
        };
    }

    /** The first day of the day, week or month after the one starting on {@code start}. */
    private static LocalDate nextOf(String step, LocalDate start) {
        return switch (step) {
            case "1w" -> start.plusWeeks(1);
            case "1mo" -> start.plusMonths(1);
            default -> start.plusDays(1);
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
