package io.useranalytics.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of the whole machine and of PostgreSQL's processes, read from /proc between two samples:
 * on 2 cores shared by the load client, the broker, the services and the database, it tells whether
 * a scenario was bound by CPU and who used it.
 */
final class CpuMeter {
    /** Linux reports /proc times in clock ticks of 1/100 s (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final Path PROC = Path.of("/proc");

    /** The machine's busy and total ticks, and each PostgreSQL process's ticks, at one moment. */
    record Sample(long busyTicks, long totalTicks, Map<Long, Long> postgresTicks) {
        Sample {
            postgresTicks = Map.copyOf(postgresTicks);
        }
    }

    /**
     * What happened between two samples. {@code postgresSeconds} counts the processes alive at the
     * second sample (a backend that exited in between is left out).
     */
    record Use(double busyShare, double busyCoreSeconds, double postgresSeconds) {}

    private CpuMeter() {}

    static Sample sample() {
        try {
            String[] cpu = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal: guest time is inside user already.
            for (int field = 1; field <= 8; field++) {
                total += Long.parseLong(cpu[field]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new Sample(total - idle, total, postgresTicks());
        } catch (IOException e) {
            throw new UncheckedIOException("reading /proc/stat", e);
        }
    }

    static Use between(Sample start, Sample end) {
        long total = end.totalTicks() - start.totalTicks();
        long busy = end.busyTicks() - start.busyTicks();
        long postgres = 0;
        for (Map.Entry<Long, Long> process : end.postgresTicks().entrySet()) {
            postgres +=
                    process.getValue() - start.postgresTicks().getOrDefault(process.getKey(), 0L);
        }
        return new Use(
                total == 0 ? 0 : (double) busy / total,
                busy / TICKS_PER_SECOND,
                postgres / TICKS_PER_SECOND);
    }

    private static Map<Long, Long> postgresTicks() throws IOException {
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> processes = Files.list(PROC)) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    readTicks(process).ifPresent(t -> ticks.put(Long.parseLong(name), t));
                }
            }
        }
        return ticks;
    }

    /** User + system ticks of a process named postgres; empty for others or one that has gone. */
    private static Optional<Long> readTicks(Path process) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"));
        } catch (IOException e) {
            return Optional.empty(); // exited since the listing
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 2).split(" ");
        return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }
}
