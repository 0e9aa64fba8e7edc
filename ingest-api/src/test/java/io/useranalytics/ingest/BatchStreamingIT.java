package io.useranalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.harness.ServiceJar;
import io.useranalytics.testsupport.ChildProcesses;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.RealKafka;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The batch endpoint streams: a 100 MB body goes through an ingest-api with a 64 MB heap. */
class BatchStreamingIT {
    private static final int EVENTS = 10_000;
    private static final int PADDING = 10_000;

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension final ChildProcesses processes = ChildProcesses.perTest();

    @Test
    void a_100_mb_ndjson_body_is_read_with_a_64_mb_heap() {
        int port = ServiceJar.freePort();
        processes.start(
                "ingest-api",
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "HTTP_PORT", Integer.toString(port),
                        "INGEST_MAX_BODY_BYTES", Integer.toString(128 * 1024 * 1024),
                        "INGEST_MAX_BATCH_EVENTS", Integer.toString(EVENTS)),
                "batch-streaming-ingest",
                "64m");
        Http http = new Http(port);
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> http.get("/health/ready").statusCode() == 200);

        long bodyBytes = (long) line(1).length * EVENTS;
        HttpResponse<String> response =
                http.send(
                        "POST",
                        "/analytics/batch",
                        HttpRequest.BodyPublishers.ofInputStream(BatchStreamingIT::body),
                        Map.of("Content-Type", "application/x-ndjson"));

        assertThat(bodyBytes).isGreaterThan(100_000_000L);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"accepted\":" + EVENTS + ",\"rejected\":[]}");
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
    }

    /** The body, made line by line as it is sent: the test holds no 100 MB either. */
    private static InputStream body() {
        Enumeration<InputStream> lines =
                new Enumeration<>() {
                    private int sent;

                    @Override
                    public boolean hasMoreElements() {
                        return sent < EVENTS;
                    }

                    @Override
                    public InputStream nextElement() {
                        return new ByteArrayInputStream(line(++sent));
                    }
                };
        return new SequenceInputStream(lines);
    }

    private static byte[] line(int i) {
        return ("{\"timestamp\":1224567997,\"user\":\"stream-"
                        + (10_000 + i)
                        + "\",\"event\":\"click\",\"note\":\""
                        + "x".repeat(PADDING)
                        + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
