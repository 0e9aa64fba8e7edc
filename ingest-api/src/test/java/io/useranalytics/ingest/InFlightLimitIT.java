package io.useranalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the broker away, waiting events fill the in-flight bound; past it, 503 at once. */
class InFlightLimitIT {
    @RegisterExtension static final RealKafka kafka = new RealKafka();

    @Test
    void a_post_past_the_in_flight_bound_is_503_at_once_and_the_bound_frees_up_after() {
        try (LocalService<IngestApp> ingest =
                IngestUnderTest.start(
                        kafka,
                        Map.of(
                                "INGEST_MAX_IN_FLIGHT_EVENTS", "1",
                                "INGEST_ACK_TIMEOUT_MS", "4000"))) {
            Http http = ingest.http();
            assertThat(
                            http.post("/analytics?timestamp=1224567997&user=w-0&event=click")
                                    .statusCode())
                    .isEqualTo(204);
            kafka.stop();
            HttpResponse<String> past;
            CompletableFuture<HttpResponse<String>> waiting;
            try {
                waiting =
                        CompletableFuture.supplyAsync(
                                () ->
                                        http.post(
                                                "/analytics?timestamp=1224567997&user=w-1&event=click"));
                await().atMost(Duration.ofSeconds(3)).until(() -> inFlight(http) == 1.0);
                long started = System.nanoTime();
                past = http.post("/analytics?timestamp=1224567997&user=w-2&event=click");
                long tookMillis = (System.nanoTime() - started) / 1_000_000;

                assertThat(past.statusCode()).isEqualTo(503);
                assertThat(past.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(past.body())
                        .contains("more than 1 events are waiting for Kafka's acknowledgement");
                assertThat(tookMillis).isLessThan(1_000);
                HttpResponse<String> unanswered = waiting.join();
                assertThat(unanswered.statusCode()).isEqualTo(503);
                assertThat(unanswered.body())
                        .contains(
                                "Kafka did not acknowledge the event within 4000 ms; it may have"
                                        + " been stored: retry with the same id to count it once");
            } finally {
                kafka.start();
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    http.post(
                                                            "/analytics?timestamp=1224567997&user=w-3&event=click")
                                                    .statusCode()
                                            == 204);
        }
    }

    private static double inFlight(Http http) {
        return http.get("/metrics")
                .body()
                .lines()
                .filter(line -> line.startsWith("ingest_events_in_flight "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .sum();
    }
}
