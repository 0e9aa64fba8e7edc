package io.useranalytics.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.record.EventKind;
import io.useranalytics.system.RunningServices;
import io.useranalytics.testsupport.BruteForce;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.SentEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ingest-api, writer and query-api as three services on their own ports (in one JVM), a real broker
 * and the real database: every GET answer equals a brute-force count of what was sent.
 */
class ThreeServicesE2EIT {
    private static final long BASE = 1_700_000_000L;
    private static final long SPAN_SECONDS = 3 * 3600;

    @RegisterExtension static final RunningServices services = new RunningServices();

    @Test
    void every_get_answer_equals_a_brute_force_count_of_the_events_sent() {
        Http ingestHttp = services.get().ingest.http();
        Http queryHttp = services.get().query.http();
        assertThat(services.get().ingest.port()).isNotEqualTo(services.get().query.port());
        Random random = new Random(42);
        List<SentEvent> sent = new ArrayList<>();
        assertThat(
                        ingestHttp
                                .post("/analytics?timestamp=1224567997&user=3&event=click")
                                .statusCode())
                .isEqualTo(204);
        assertThat(
                        ingestHttp
                                .post("/analytics?timestamp=1224567998&user=1&event=impression")
                                .statusCode())
                .isEqualTo(204);
        for (int i = 0; i < 400; i++) {
            SentEvent event = randomEvent(random);
            assertThat(ingestHttp.post("/analytics?" + query(event, random)).statusCode())
                    .isEqualTo(204);
            sent.add(event);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents() == sent.size() + 2);

        assertThat(queryHttp.get("/analytics?timestamp=1224567999").body())
                .isEqualTo("unique_users,2\nclicks,1\nimpressions,1\n");
        for (int i = 0; i < 150; i++) {
            boolean millis = random.nextBoolean();
            long end =
                    BASE * 1000
                            - 600_000
                            + (long) (random.nextDouble() * (SPAN_SECONDS * 1000 + 1_200_000));
            Instant to = millis ? Instant.ofEpochMilli(end) : Instant.ofEpochSecond(end / 1000);
            String parameter = millis ? Long.toString(end) : Long.toString(end / 1000);

            String body = queryHttp.get("/analytics?timestamp=" + parameter).body();

            assertThat(body)
                    .as("GET timestamp=%s", parameter)
                    .isEqualTo(bruteForce(sent, to, millis));
        }
    }

    private static SentEvent randomEvent(Random random) {
        long millis = BASE * 1000 + (long) (random.nextDouble() * SPAN_SECONDS * 1000);
        boolean wholeSecond = random.nextInt(3) == 0;
        Instant at = Instant.ofEpochMilli(wholeSecond ? millis / 1000 * 1000 : millis);
        EventKind kind = random.nextBoolean() ? EventKind.CLICK : EventKind.IMPRESSION;
        return new SentEvent(at, "e2e-" + random.nextInt(60), kind);
    }

    /** Sends whole seconds as epoch seconds or ISO, and the rest as epoch millis. */
    private static String query(SentEvent event, Random random) {
        String timestamp;
        if (event.at().getNano() != 0) {
            timestamp = Long.toString(event.at().toEpochMilli());
        } else {
            timestamp =
                    random.nextBoolean()
                            ? Long.toString(event.at().getEpochSecond())
                            : event.at().toString();
        }
        return "timestamp="
                + timestamp
                + "&user="
                + event.user()
                + "&event="
                + event.kind().wireName();
    }

    private static String bruteForce(List<SentEvent> sent, Instant to, boolean millis) {
        Instant from = to.minus(Duration.ofHours(1));
        Instant endExclusive = millis ? to.plusMillis(1) : to.plusSeconds(1);
        return BruteForce.count(sent, from, endExclusive).asSummaryCsv();
    }

    private static long storedEvents() throws SQLException {
        try (Connection connection = services.postgres().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM events")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
