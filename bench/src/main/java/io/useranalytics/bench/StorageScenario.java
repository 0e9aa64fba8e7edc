package io.useranalytics.bench;

import static io.useranalytics.bench.ScenarioResult.f;

import io.useranalytics.store.events.EventBlocks;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 8: a simulated day (24 hours at a fixed rate, each hour's users half of those of the
 * hour before) stored in a schema of its own as the writer stores it (users, event blocks by binary
 * COPY, rollups through the writer's RollupStore), then its bytes per event all in, and the GET p99
 * over that partitioned (or compressed) data.
 */
final class StorageScenario {
    private static final String SCHEMA = "bench_storage";
    private static final String TABLE_BYTES =
            "SELECT CASE WHEN c.relname LIKE 'event_blocks%' THEN 'events' ELSE c.relname END,"
                    + " sum(pg_total_relation_size(c.oid))"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = '"
                    + SCHEMA
                    + "' AND c.relkind = 'r' GROUP BY 1";

    private final BenchEnvironment env;
    private final LoadClient interactive;
    private final BenchSize size;
    private final PrintStream out;

    StorageScenario(BenchEnvironment env, LoadClient interactive, BenchSize size, PrintStream out) {
        this.env = env;
        this.interactive = interactive;
        this.size = size;
        this.out = out;
    }

    /** The GET of the trailing hour ending at {@code end}, from a query-api on the schema. */
    private LoadResult trailingHourGet(Map<String, String> inSchema, Instant end) throws Exception {
        int queryPort = env.startService("query-api", "query-storage", inSchema);
        LoadResult get =
                interactive.run(
                        "GET a trailing hour of the simulated day",
                        LoadTarget.get(queryPort, "/analytics?timestamp=" + end.toEpochMilli()),
                        200,
                        size.warmup(),
                        size.measure());
        env.stopService("query-storage");
        return get;
    }

    /** Loads a simulated day from {@code start} into the schema; returns how many events. */
    private long loadADay(Instant start) throws Exception {
        HourLoader loader = new HourLoader(env, SCHEMA, out);
        int users = size.storageUsers();
        loader.addUsers(users);
        int perHour = size.storageEventsPerHour();
        for (int hour = 0; hour < 24; hour++) {
            // Each hour draws from a window of half the users that slides by a 48th per hour,
            // so neighbouring hours share most of their users, as a day's traffic does.
            loader.addEvents(
                    perHour,
                    start.plus(Duration.ofHours(hour)),
                    start.plus(Duration.ofHours(hour + 1)),
                    hour * users / 48,
                    users / 2);
        }
        return 24L * perHour;
    }

    ScenarioResult run() throws Exception {
        env.dropSchema(SCHEMA);
        Map<String, String> inSchema =
                Map.of(
                        "DATABASE_SCHEMA", SCHEMA,
                        "KAFKA_TOPIC", "bench.storage",
                        "KAFKA_DLQ_TOPIC", "bench.storage.dlq",
                        "WRITER_GROUP_ID", "bench-storage");
        // The writer migrates the schema (and creates today's partitions ahead), then goes.
        env.startService("writer", "writer-storage", inSchema);
        env.stopService("writer-storage");
        boolean timescale = isTimescale();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(24));
        long events = loadADay(start);
        int users = size.storageUsers();
        String compressed = timescale ? compressAll() : "";
        Map<String, Long> bytes = tableBytes(timescale);
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        Instant middle = start.plus(Duration.ofHours(12)).plusMillis(123_456);
        LoadResult get = trailingHourGet(inSchema, middle);
        double perEvent = (double) total / events;
        ScenarioResult.Builder result =
                new ScenarioResult.Builder(
                        String.format(
                                "8. Storage: a simulated day (%,d events, %,d users, %s)",
                                events, users, timescale ? "TimescaleDB" : "plain PostgreSQL"),
                        "what",
                        "MiB",
                        "bytes per event");
        bytes.forEach((table, b) -> result.row(table, f(b / 1048576.0), f((double) b / events)));
        result.row("all in", f(total / 1048576.0), f(perEvent))
                .row(
                        "GET trailing hour with millisecond edges, "
                                + Bench.INTERACTIVE_CONNECTIONS
                                + " connections: p50 / p99 ms",
                        "-",
                        f(get.p50Millis()) + " / " + f(get.p99Millis()));
        sizeTargets(result, timescale, perEvent);
        return result.target("GET p99 <= 20 ms", f(get.p99Millis()) + " ms", get.p99Millis() <= 20)
                .note(
                        "Bytes are pg_total_relation_size (heap, indexes, TOAST) of every table of"
                                + " the schema after the load: events (table event_blocks, a row"
                                + " per second per load chunk, all day partitions or chunks, with"
                                + " the btree on second), rollups (second, minute and"
                                + " hour rows with their users' bitmaps), users (with its unique"
                                + " index), event ids (none: these events carry no id) and the"
                                + " rest. Rollups cost less per event at higher rates: their rows"
                                + " per day are fixed, their bitmaps grow with distinct users."
                                + compressed)
                .note(
                        "The GET's trailing hour ends "
                                + middle
                                + ": it reads minute and second rollups and the raw rows of its"
                                + " millisecond edges, with non-200 answers: "
                                + get.unexpected()
                                + ".")
                .build();
    }

    private static void sizeTargets(
            ScenarioResult.Builder result, boolean timescale, double perEvent) {
        if (timescale) {
            result.target(
                    "TimescaleDB with compression <= 10 bytes per event",
                    f(perEvent),
                    perEvent <= 10);
        } else {
            result.target("plain PostgreSQL <= 60 bytes per event", f(perEvent), perEvent <= 60)
                    .target(
                            "TimescaleDB with compression <= 10 bytes per event",
                            "not measured: the bench's database has no TimescaleDB",
                            false);
        }
    }

    private boolean isTimescale() throws SQLException {
        try (Connection connection = env.connect(SCHEMA);
                Statement statement = connection.createStatement();
                ResultSet row =
                        statement.executeQuery(
                                "SELECT relkind FROM pg_class WHERE oid = to_regclass('event_blocks')")) {
            return row.next() && !row.getString(1).equals("p");
        }
    }

    private String compressAll() throws SQLException {
        try (Connection connection = env.connect(SCHEMA);
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "SET timescaledb.compression_batch_size_limit = "
                            + EventBlocks.PER_COMPRESSED_BATCH);
            try (ResultSet rows =
                    statement.executeQuery(
                            "SELECT count(public.compress_chunk(c))"
                                    + " FROM public.show_chunks('event_blocks') c")) {
                rows.next();
                return " TimescaleDB: all "
                        + rows.getLong(1)
                        + " chunk(s) of the day compressed (compress_chunk, ordered by second, "
                        + EventBlocks.PER_COMPRESSED_BATCH
                        + " blocks per batch as the writer compresses them) before measuring;"
                        + " events are hypertable_size('event_blocks'), its chunks being in"
                        + " TimescaleDB's own schema. The writer compresses chunks once they are"
                        + " TIMESCALE_COMPRESS_AFTER_HOURS old, so the newest day stays"
                        + " uncompressed.";
            }
        }
    }

    private Map<String, Long> tableBytes(boolean timescale) throws SQLException {
        Map<String, Long> bytes = new LinkedHashMap<>();
        try (Connection connection = env.connect(SCHEMA);
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(TABLE_BYTES + " ORDER BY 2 DESC")) {
                while (rows.next()) {
                    bytes.put(rows.getString(1), rows.getLong(2));
                }
            }
            if (timescale) {
                try (ResultSet row =
                        statement.executeQuery("SELECT public.hypertable_size('event_blocks')")) {
                    row.next();
                    bytes.put("events", row.getLong(1));
                }
            }
        }
        return bytes;
    }
}
