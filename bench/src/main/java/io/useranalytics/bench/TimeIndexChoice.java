package io.useranalytics.bench;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The raw-time index the event blocks keep, measured: what each costs the COPY, and what it costs
 * to read one second of raw events, as query-api reads a window's millisecond edges, recent and
 * historic.
 */
final class TimeIndexChoice {
    /** When the scenario's event {@code i} happened, given the run's {@code now}. */
    interface EventTimes {
        long at(int i, long now, Random random);
    }

    private final WriterCeilings ceilings;

    TimeIndexChoice(BenchEnvironment env, BenchSize size, PrintStream out) {
        this.ceilings = new WriterCeilings(env, size, out);
    }

    /** Copies the events into a table with each index, reads the edges, and says what was kept. */
    String run(EventTimes times) throws Exception {
        long now = Instant.now().toEpochMilli();
        List<WriterCeilings.Edge> edges =
                List.of(
                        new WriterCeilings.Edge(Instant.ofEpochMilli(now - 600_000)),
                        new WriterCeilings.Edge(Instant.ofEpochMilli(now - 36_000_000)));
        WriterCeilings.Copied btree = copy(WriterCeilings.TimeIndex.BTREE, times, now, edges);
        WriterCeilings.Copied brin = copy(WriterCeilings.TimeIndex.BRIN, times, now, edges);
        return String.format(
                "Raw-time index (measured once, on the same events' blocks): a BRIN on second"
                        + " let the COPY reach %,.0f events/s against the btree's %,.0f; reading"
                        + " one second of raw events (a window's millisecond edge) took %.1f ms (10"
                        + " minutes ago) and %.1f ms (10 hours ago) against the btree's %.2f and"
                        + " %.2f ms. Late events (1 in 20, from the last day) widen every BRIN range"
                        + " to the whole day, and a GET reads up to two edges. The blocks keep the"
                        + " btree, which has an entry per block, not per event.",
                brin.rate(),
                btree.rate(),
                brin.edgeMillis().get(0),
                brin.edgeMillis().get(1),
                btree.edgeMillis().get(0),
                btree.edgeMillis().get(1));
    }

    private WriterCeilings.Copied copy(
            WriterCeilings.TimeIndex index,
            EventTimes times,
            long now,
            List<WriterCeilings.Edge> edges)
            throws Exception {
        Random random = new Random(5);
        return ceilings.copyAndReadEdges(index, i -> times.at(i, now, random), edges);
    }
}
