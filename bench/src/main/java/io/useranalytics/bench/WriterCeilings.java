package io.useranalytics.bench;

import io.useranalytics.record.EventKind;
import io.useranalytics.store.events.EventBlocks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.postgresql.PGConnection;

/**
 * What scenario 3's events cost the database without the writer, each timed alone with pgJDBC in
 * the bench database: a binary COPY of their blocks (as {@code event_blocks} holds them, grouped
 * per writer batch) into a bare table (the ceiling), the same COPY into a table with a btree on
 * second, and adding the scenario's users to a table shaped like {@code users}.
 */
final class WriterCeilings {
    /** The writer's batches hold up to this many events (WRITER_BATCH_MAX_EVENTS' default). */
    private static final int WRITER_BATCH_EVENTS = 100_000;

    private static final String INSERT_USERS =
            "INSERT INTO bench_users (external_id) SELECT i.external_id"
                    + " FROM unnest(?::text[]) AS i(external_id)"
                    + " WHERE NOT EXISTS"
                    + " (SELECT 1 FROM bench_users u WHERE u.external_id = i.external_id)"
                    + " RETURNING external_id, id";

    private final BenchEnvironment env;
    private final BenchSize size;
    private final PrintStream out;

    WriterCeilings(BenchEnvironment env, BenchSize size, PrintStream out) {
        this.env = env;
        this.size = size;
        this.out = out;
    }

    /** The index on second of a ceiling's table: none, the btree plain mode keeps, or a BRIN. */
    enum TimeIndex {
        NONE(""),
        BTREE(" (second)"),
        BRIN(" USING brin (second)");

        private final String definition;

        TimeIndex(String definition) {
            this.definition = definition;
        }
    }

    /**
     * Events per second of a binary COPY of the scenario's events into a table with {@code index}.
     */
    double copy(TimeIndex index, IntToLongFunction eventTime) throws SQLException, IOException {
        return copyAndReadEdges(index, eventTime, List.of()).rate();
    }

    /** A COPY's rate, and the milliseconds each edge read took (the median of five). */
    record Copied(double rate, List<Double> edgeMillis) {
        Copied {
            edgeMillis = List.copyOf(edgeMillis);
        }
    }

    /**
     * As {@link #copy}, then reads the raw rows of each of {@code edges} from the table, as
     * query-api reads a window's millisecond edges.
     */
    Copied copyAndReadEdges(TimeIndex index, IntToLongFunction eventTime, List<Edge> edges)
            throws SQLException, IOException {
        String table = "bare_events_" + index.name().toLowerCase(java.util.Locale.ROOT);
        try (Connection connection = env.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute(
                    "CREATE TABLE "
                            + table
                            + " (second timestamptz NOT NULL, offsets smallint[] NOT NULL,"
                            + " user_ids integer[] NOT NULL, kinds smallint[] NOT NULL)");
            if (index != TimeIndex.NONE) {
                statement.execute("CREATE INDEX ON " + table + index.definition);
            }
            List<byte[]> chunks = encodedEvents(eventTime);
            long started = System.nanoTime();
            for (byte[] rows : chunks) {
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(
                                EventBlocks.COPY.replace("event_blocks", table),
                                new ByteArrayInputStream(rows));
            }
            double rate = size.writerEvents() / ((System.nanoTime() - started) / 1e9);
            out.printf("  binary COPY into %s: %,.0f events/s%n", table, rate);
            List<Double> millis = new ArrayList<>();
            if (!edges.isEmpty()) {
                statement.execute("VACUUM ANALYZE " + table);
                for (Edge edge : edges) {
                    millis.add(edge.readMillis(connection, table));
                }
            }
            statement.execute("DROP TABLE " + table);
            return new Copied(rate, millis);
        }
    }

    /** One second of raw events, as a window's millisecond edge is read. */
    record Edge(java.time.Instant from) {
        private static final int READS = 5;

        double readMillis(Connection connection, String table) throws SQLException {
            double[] millis = new double[READS];
            try (PreparedStatement read =
                    connection.prepareStatement(
                            "SELECT count(*), count(DISTINCT e.user_id) FROM "
                                    + table
                                    + " b CROSS JOIN LATERAL unnest(b.user_ids) AS e (user_id)"
                                    + " WHERE b.second >= ? AND b.second < ?")) {
                read.setObject(
                        1, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
                read.setObject(
                        2,
                        java.time.OffsetDateTime.ofInstant(
                                from.plusSeconds(1), java.time.ZoneOffset.UTC));
                for (int i = 0; i < READS; i++) {
                    long started = System.nanoTime();
                    try (ResultSet rows = read.executeQuery()) {
                        rows.next();
                    }
                    millis[i] = (System.nanoTime() - started) / 1e6;
                }
            }
            java.util.Arrays.sort(millis);
            return millis[READS / 2];
        }
    }

    private List<byte[]> encodedEvents(IntToLongFunction eventTime) throws IOException {
        Random random = new Random(5);
        EventKind[] kinds = EventKind.values();
        List<byte[]> chunks = new ArrayList<>();
        for (int done = 0; done < size.writerEvents(); done += WRITER_BATCH_EVENTS) {
            EventBlocks blocks = new EventBlocks();
            for (int i = done; i < Math.min(size.writerEvents(), done + WRITER_BATCH_EVENTS); i++) {
                blocks.add(
                        Instant.ofEpochMilli(eventTime.applyAsLong(i)),
                        random.nextInt(size.writerUsers()),
                        kinds[random.nextInt(kinds.length)]);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
            blocks.writeCopy(bytes);
            chunks.add(bytes.toByteArray());
        }
        return chunks;
    }

    /**
     * Seconds to add the scenario's users, in random order, to an empty copy of {@code users} (its
     * identity key and unique index on the id given), with the writer's statement, sorted, in as
     * many statements as the writer has batches.
     */
    double addUsersSeconds() throws SQLException {
        List<String> ids = new ArrayList<>(size.writerUsers());
        for (int i = 0; i < size.writerUsers(); i++) {
            ids.add("w" + i);
        }
        Collections.shuffle(ids, new Random(7));
        int batches = Math.max(1, size.writerEvents() / WRITER_BATCH_EVENTS);
        int perBatch = (ids.size() + batches - 1) / batches;
        try (Connection connection = env.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_users");
            statement.execute("CREATE TABLE bench_users (LIKE users INCLUDING ALL)");
            long started = System.nanoTime();
            long added = 0;
            for (int from = 0; from < ids.size(); from += perBatch) {
                List<String> batch =
                        new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + perBatch)));
                Collections.sort(batch);
                added += insert(connection, batch);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (added != ids.size()) {
                throw new IllegalStateException(
                        "added " + added + " of " + ids.size() + " users to bench_users");
            }
            out.printf("  %,d users added in %d statements: %.2f s%n", added, batches, seconds);
            statement.execute("DROP TABLE bench_users");
            return seconds;
        }
    }

    private static long insert(Connection connection, List<String> batch) throws SQLException {
        Array names = connection.createArrayOf("text", batch.toArray());
        long added = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_USERS)) {
            insert.setArray(1, names);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    rows.getString(1);
                    rows.getLong(2);
                    added++;
                }
            }
        } finally {
            names.free();
        }
        return added;
    }
}
