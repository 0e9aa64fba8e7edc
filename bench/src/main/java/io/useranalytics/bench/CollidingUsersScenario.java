package io.useranalytics.bench;

import static io.useranalytics.bench.ScenarioResult.f;

import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.EventKind;
import io.useranalytics.store.SqlTime;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Scenario 9: {@value #USERS} users never seen before, one event each, posted in batches and timed
 * until the writer has stored them all; random ids (the ceiling) against ids that all share one
 * {@link String#hashCode()} (the "Aa"/"BB" family a client can choose), in alternating pairs. A
 * hash table keyed by the ids' own hash codes puts every colliding id on one probe chain.
 */
final class CollidingUsersScenario {
    static final int USERS = 16_384;
    private static final int BATCH = 8_192;
    private static final int COLLIDING_PAIRS = 14; // 2^14 = USERS

    private final BenchEnvironment env;
    private final BenchSize size;
    private final EventJson json = new EventJson();
    private final HttpClient client = HttpClient.newHttpClient();

    CollidingUsersScenario(BenchEnvironment env, BenchSize size) {
        this.env = env;
        this.size = size;
    }

    ScenarioResult run(int ingestPort) throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Pairs<Double, Double> pairs =
                Pairs.measure(
                        pair -> store(ingestPort, randomUsers(), at),
                        pair -> store(ingestPort, collidingUsers("c" + pair + "-"), at));
        Ratios ratios = pairs.ratios(colliding -> colliding, random -> random);
        ScenarioResult.Builder result =
                new ScenarioResult.Builder(
                        "9. Colliding user ids", "pair", "random ids (s)", "colliding ids (s)");
        for (int i = 0; i < pairs.count(); i++) {
            result.row(Integer.toString(i + 1), f(pairs.ceiling(i)), f(pairs.subject(i)));
        }
        return result.target(
                        String.format(
                                "%,d colliding users stored within 2x the time of %,d random"
                                        + " users",
                                USERS, USERS),
                        ratios.factors("pairs") + " of random",
                        ratios.median() <= 2)
                .note(
                        "Each user posts one event; timed from the first POST until every one of"
                                + " the users has a row in users and its event is counted in"
                                + " event_blocks.")
                .build();
    }

    /** Seconds from the first POST until all of {@code users} and their events are stored. */
    private double store(int ingestPort, List<String> users, Instant at) throws Exception {
        long started = System.nanoTime();
        for (int from = 0; from < users.size(); from += BATCH) {
            HttpResponse<String> answer =
                    client.send(
                            HttpLoad.postNdjson(
                                    ingestPort,
                                    "/analytics/batch",
                                    ndjson(users.subList(from, from + BATCH), at)),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(
                        "batch answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        awaitStored(users.get(0), users.size(), at, started);
        return (System.nanoTime() - started) / 1e9;
    }

    private byte[] ndjson(List<String> users, Instant at) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String user : users) {
            body.writeBytes(json.encode(new Event(at, user, EventKind.CLICK)));
            body.write('\n');
        }
        return body.toByteArray();
    }

    /** Polls until the events of the users sharing the first one's prefix are all stored. */
    private void awaitStored(String first, int count, Instant at, long started) throws Exception {
        String prefix = first.substring(0, first.indexOf('-') + 1);
        long deadline = started + size.budget().toNanos();
        try (Connection connection = env.connect();
                PreparedStatement stored =
                        connection.prepareStatement(
                                "SELECT count(*) FROM event_blocks b"
                                        + " CROSS JOIN LATERAL unnest(b.user_ids) AS e(user_id)"
                                        + " JOIN users u ON u.id = e.user_id"
                                        + " WHERE b.second = ? AND u.external_id LIKE ? || '%'")) {
            stored.setObject(1, SqlTime.of(at));
            stored.setString(2, prefix);
            while (System.nanoTime() < deadline) {
                try (ResultSet row = stored.executeQuery()) {
                    row.next();
                    if (row.getLong(1) >= count) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException(
                "the writer stored fewer than " + count + " events of " + prefix + " in time");
    }

    private static List<String> randomUsers() {
        String prefix = "r" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> users = new ArrayList<>(USERS);
        for (int i = 0; i < USERS; i++) {
            users.add(prefix + UUID.randomUUID().toString().substring(0, 28));
        }
        return users;
    }

    /** 2^14 ids of 28 characters after the prefix, every one of one String hash code. */
    static List<String> collidingUsers(String prefix) {
        List<String> users = new ArrayList<>(USERS);
        for (int i = 0; i < USERS; i++) {
            StringBuilder user = new StringBuilder(prefix);
            for (int bit = 0; bit < COLLIDING_PAIRS; bit++) {
                user.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            users.add(user.toString());
        }
        return users;
    }
}
