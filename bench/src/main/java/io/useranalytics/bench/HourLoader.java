package io.useranalytics.bench;

import io.useranalytics.record.EventKind;
import io.useranalytics.store.events.EventBlocks;
import io.useranalytics.store.events.EventPartitions;
import io.useranalytics.store.rollup.RollupDeltas;
import io.useranalytics.store.rollup.RollupStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads large data sets fast for the query scenario: users and event blocks by binary COPY, and
 * their rollups through the same {@link RollupDeltas} and {@link RollupStore} the writer uses.
 */
final class HourLoader {
    private static final int CHUNK = 500_000;

    private final BenchEnvironment env;
    private final String schema;
    private final PrintStream out;
    private final Random random = new Random(17);
    private long firstUserId;
    private int users;
    private double rowsPerSecond = 100_000;

    HourLoader(BenchEnvironment env, PrintStream out) {
        this(env, BenchEnvironment.SCHEMA, out);
    }

    /** A loader into {@code schema} of the bench database, migrated already. */
    HourLoader(BenchEnvironment env, String schema, PrintStream out) {
        this.env = env;
        this.schema = schema;
        this.out = out;
    }

    /** Adds {@code count} users q0..q(count-1); the identity column numbers them consecutively. */
    void addUsers(int count) throws SQLException, IOException {
        try (Connection connection = env.connect(schema);
                Statement statement = connection.createStatement()) {
            StringBuilder rows = new StringBuilder(count * 9);
            for (int i = 0; i < count; i++) {
                rows.append('q').append(i).append('\n');
            }
            copy(connection)
                    .copyIn(
                            "COPY users (external_id) FROM STDIN",
                            new ByteArrayInputStream(
                                    rows.toString().getBytes(StandardCharsets.UTF_8)));
            try (ResultSet row =
                    statement.executeQuery(
                            "SELECT min(id), max(id) FROM users WHERE external_id LIKE 'q%'")) {
                row.next();
                firstUserId = row.getLong(1);
                users = (int) (row.getLong(2) - firstUserId + 1);
            }
        }
    }

    /**
     * Adds {@code count} events by random q-users, spread evenly over {@code [from, to)} in time
     * order (with jitter): the time index then grows at its edge, as it does when a writer keeps
     * up, instead of taking random inserts.
     */
    void addEvents(long count, Instant from, Instant to) throws SQLException, IOException {
        addEvents(count, from, to, 0, users);
    }

    /** As above, by users q{@code first}..q({@code first + among - 1}) only. */
    void addEvents(long count, Instant from, Instant to, int first, int among)
            throws SQLException, IOException {
        if (count <= 0) {
            return;
        }
        Progress progress = new Progress(out, "loading events " + from + " .. " + to, count);
        long started = System.nanoTime();
        long span = to.toEpochMilli() - from.toEpochMilli();
        RollupDeltas deltas = new RollupDeltas();
        try (Connection connection = env.connect(schema)) {
            EventPartitions partitions = new EventPartitions();
            if (partitions.isPartitioned(connection)) {
                List<Instant> days = new ArrayList<>();
                for (Instant day = from; day.isBefore(to); day = day.plus(Duration.ofDays(1))) {
                    days.add(day);
                }
                days.add(to);
                partitions.create(connection, EventPartitions.daysOf(days));
            }
            connection.setAutoCommit(false);
            for (long done = 0; done < count; done += CHUNK) {
                EventBlocks blocks = new EventBlocks();
                for (long i = done; i < Math.min(count, done + CHUNK); i++) {
                    long at =
                            from.toEpochMilli() + (long) ((i + random.nextDouble()) * span / count);
                    long user = firstUserId + first + random.nextInt(among);
                    EventKind kind = random.nextBoolean() ? EventKind.CLICK : EventKind.IMPRESSION;
                    Instant time = Instant.ofEpochMilli(at);
                    blocks.add(time, user, kind);
                    deltas.add(time, user, kind);
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
                blocks.writeCopy(bytes);
                copy(connection)
                        .copyIn(EventBlocks.COPY, new ByteArrayInputStream(bytes.toByteArray()));
                progress.update(done);
            }
            out.printf("  adding the rollups of %,d events%n", count);
            new RollupStore().add(connection, (short) 0, deltas.drain());
            connection.commit();
        }
        if (count > 0) {
            rowsPerSecond = count / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** Events per second of the last load, rollups included: for budgeting the next ones. */
    double rowsPerSecond() {
        return rowsPerSecond;
    }

    private static CopyManager copy(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }
}
