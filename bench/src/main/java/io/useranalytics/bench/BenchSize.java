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
        return new Builder("full")
                .warmup(Duration.ofSeconds(3))
                .jvmWarmup(Duration.ofSeconds(20))
                .jitWarmupLimit(Duration.ofSeconds(50))
                .measure(Duration.ofSeconds(10))
                .batchEvents(1_000_000)
                .writerEvents(2_000_000)
                .writerUsers(400_000)
                .writersEvents(1_000_000)
                .freshnessMarkers(60)
                .queryHourEvents(10_000_000)
                .queryUsers(1_000_000)
                .scaleTotals(List.of(1_000_000, 10_000_000, 25_000_000))
                .storageEventsPerHour(500_000)
                .storageUsers(1_000_000)
                .budget(Duration.ofMinutes(15))
                .build();
    }

    static BenchSize quick() {
        return new Builder("quick")
                .warmup(Duration.ofSeconds(1))
                .jvmWarmup(Duration.ofSeconds(1))
                .jitWarmupLimit(Duration.ofSeconds(1))
                .measure(Duration.ofSeconds(1))
                .batchEvents(20_000)
                .writerEvents(100_000)
                .writerUsers(20_000)
                .writersEvents(50_000)
                .freshnessMarkers(8)
                .queryHourEvents(300_000)
                .queryUsers(30_000)
                .scaleTotals(List.of(50_000, 100_000, 300_000))
                .storageEventsPerHour(5_000)
                .storageUsers(10_000)
                .budget(Duration.ofMinutes(2))
                .build();
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
        Builder builder = toBuilder();
        builder.storageEventsPerHour = eventsPerHour > 0 ? eventsPerHour : storageEventsPerHour;
        builder.storageUsers = users > 0 ? users : storageUsers;
        return builder.build();
    }

    private Builder toBuilder() {
        return new Builder(name)
                .warmup(warmup)
                .jvmWarmup(jvmWarmup)
                .jitWarmupLimit(jitWarmupLimit)
                .measure(measure)
                .batchEvents(batchEvents)
                .writerEvents(writerEvents)
                .writerUsers(writerUsers)
                .writersEvents(writersEvents)
                .freshnessMarkers(freshnessMarkers)
                .queryHourEvents(queryHourEvents)
                .queryUsers(queryUsers)
                .scaleTotals(scaleTotals)
                .storageEventsPerHour(storageEventsPerHour)
                .storageUsers(storageUsers)
                .budget(budget);
    }

    /** A size by name, each figure said with what it is. */
    private static final class Builder {
        private final String name;
        private Duration warmup;
        private Duration jvmWarmup;
        private Duration jitWarmupLimit;
        private Duration measure;
        private int batchEvents;
        private int writerEvents;
        private int writerUsers;
        private int writersEvents;
        private int freshnessMarkers;
        private int queryHourEvents;
        private int queryUsers;
        private List<Integer> scaleTotals;
        private int storageEventsPerHour;
        private int storageUsers;
        private Duration budget;

        Builder(String name) {
            this.name = name;
        }

        Builder warmup(Duration value) {
            warmup = value;
            return this;
        }

        Builder jvmWarmup(Duration value) {
            jvmWarmup = value;
            return this;
        }

        Builder jitWarmupLimit(Duration value) {
            jitWarmupLimit = value;
            return this;
        }

        Builder measure(Duration value) {
            measure = value;
            return this;
        }

        Builder batchEvents(int value) {
            batchEvents = value;
            return this;
        }

        Builder writerEvents(int value) {
            writerEvents = value;
            return this;
        }

        Builder writerUsers(int value) {
            writerUsers = value;
            return this;
        }

        Builder writersEvents(int value) {
            writersEvents = value;
            return this;
        }

        Builder freshnessMarkers(int value) {
            freshnessMarkers = value;
            return this;
        }

        Builder queryHourEvents(int value) {
            queryHourEvents = value;
            return this;
        }

        Builder queryUsers(int value) {
            queryUsers = value;
            return this;
        }

        Builder scaleTotals(List<Integer> value) {
            scaleTotals = List.copyOf(value);
            return this;
        }

        Builder storageEventsPerHour(int value) {
            storageEventsPerHour = value;
            return this;
        }

        Builder storageUsers(int value) {
            storageUsers = value;
            return this;
        }

        Builder budget(Duration value) {
            budget = value;
            return this;
        }

        BenchSize build() {
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
                    storageEventsPerHour,
                    storageUsers,
                    budget);
        }
    }
}
