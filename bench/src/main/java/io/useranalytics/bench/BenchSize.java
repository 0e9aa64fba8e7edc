package io.useranalytics.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big each scenario runs: full (the sizes) or quick (the same, small, for CI). {@code
 * jvmWarmup} is the untimed load a path gets before its first measurement (each ingest path and its
 * ceiling, query-api's first saturating GET): a fresh broker and a fresh service JVM take tens of
 * seconds of load to compile their hot paths. Single-event ingest and its ceilings go on warming
 * until the server's compiler settles, up to {@code jitWarmupLimit} ({@link JitWarmup}).
 */
record BenchSize(
        String name,
        Duration warmup,
        Duration jvmWarmup,
        Duration jitWarmupLimit,
        Duration measure,
        int batchEvents,
        int writerEvents,
        int writerUsers,
        int writersEvents,
        int freshnessMarkers,
        int queryHourEvents,
        int queryUsers,
        List<Integer> scaleTotals,
        int storageEventsPerHour,
        int storageUsers,
        Duration budget) {

    static BenchSize full() {
        return new BenchSize(
                "full",
                Duration.ofSeconds(3),
                Duration.ofSeconds(20),
                Duration.ofSeconds(50),
                Duration.ofSeconds(10),
                1_000_000,
                2_000_000,
                400_000,
                1_000_000,
                60,
                10_000_000,
                1_000_000,
                List.of(1_000_000, 10_000_000, 25_000_000),
                500_000,
                1_000_000,
                Duration.ofMinutes(15));
    }

    static BenchSize quick() {
        return new BenchSize(
                "quick",
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                20_000,
                100_000,
                20_000,
                50_000,
                8,
                300_000,
                30_000,
                List.of(100_000, 300_000, 1_000_000),
                5_000,
                10_000,
                Duration.ofMinutes(2));
    }

    /**
     * Rounds of scenario 3b's 1, 2 and 4 writers: one when quick (three rounds start 21 writer
     * JVMs, two of the quick run's four minutes), else one per pair.
     */
    int writersRounds() {
        return name.equals("quick") ? 1 : Pairs.COUNT;
    }

    /** This size with scenario 8's day at another rate or number of users (0 keeps this one's). */
    BenchSize withStorage(int eventsPerHour, int users) {
        return new BenchSize(
                name,
                warmup,
                jvmWarmup,
                jitWarmupLimit,
                measure,
                batchEvents,
                writerEvents,
                writerUsers,
                writersEvents,
                freshnessMarkers,
                queryHourEvents,
                queryUsers,
                scaleTotals,
                eventsPerHour > 0 ? eventsPerHour : storageEventsPerHour,
                users > 0 ? users : storageUsers,
                budget);
    }
}
