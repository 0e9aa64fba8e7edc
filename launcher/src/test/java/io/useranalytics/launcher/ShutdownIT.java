package io.useranalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.common.kafka.TopicSetup;
import io.useranalytics.harness.ServiceJar;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import io.useranalytics.testsupport.ChildProcesses;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.PostLoad;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SIGTERM under load: ingest-api loses no 204, the writer commits or rolls back, never half. */
class ShutdownIT {
    private static final String TOPIC = "analytics.events";

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @RegisterExtension final ChildProcesses processes = ChildProcesses.perTest();

    @Test
    void sigterm_under_load_keeps_every_204_in_kafka_and_the_database_exact() throws Exception {
        TopicSetup.ensure(kafka.bootstrapServers(), Map.of(TOPIC, 6));
        int port = ServiceJar.freePort();
        Process writer = processes.start("writer", env(Map.of()), "shutdown-writer-0");
        Process ingest =
                processes.start(
                        "ingest-api",
                        env(Map.of("HTTP_PORT", Integer.toString(port))),
                        "shutdown-ingest");
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> new Http(port).get("/health/live").statusCode() == 200);
        PostLoad load = new PostLoad("term-", Instant.parse("2026-05-01T00:00:00Z"));
        List<Thread> senders = load.run(port, 8, 1_000_000);
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "term-");
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions() // until the first writer has created the schema
                .until(() -> stored.count() > 1_000);

        writer.destroy(); // SIGTERM mid-load: the batch in hand commits or rolls back
        long writerStopped = stopWithin(writer, 40);
        writer = processes.start("writer", env(Map.of()), "shutdown-writer-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> load.answered(204).size() > 3_000);
        ingest.destroy(); // SIGTERM mid-load: in-flight events are flushed before exit
        long ingestStopped = stopWithin(ingest, 40);
        load.stop();
        for (Thread sender : senders) {
            sender.join(30_000);
        }

        Set<String> ok = new HashSet<>(load.answered(204));
        await().atMost(Duration.ofSeconds(60)).until(() -> stored.count() >= ok.size());
        long[] settled = {-1};
        await().pollInterval(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(60))
                .until(() -> settled[0] == (settled[0] = stored.count()));
        Set<String> inKafka = new HashSet<>();
        kafka.consume(TOPIC, (int) settled[0], Duration.ofSeconds(60))
                .forEach(r -> inKafka.add(eventKey(r.value())));
        writer.destroy();
        stopWithin(writer, 40);
        System.out.printf(
                "ShutdownIT: answers %s; 204s in Kafka %d of %d; stored=%d duplicates=%d;"
                        + " writer exited %d ms after SIGTERM, ingest-api %d ms%n",
                load.statusCounts(),
                ok.stream().filter(inKafka::contains).count(),
                ok.size(),
                stored.count(),
                stored.duplicates(),
                writerStopped,
                ingestStopped);
        assertThat(inKafka).containsAll(ok);
        assertThat(stored.duplicates()).isZero();
        assertThat(new HashSet<>(stored.keys())).isEqualTo(inKafka);
    }

    private static long stopWithin(Process process, int seconds) throws InterruptedException {
        long began = System.nanoTime();
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS))
                .as("exited within %d s of SIGTERM", seconds)
                .isTrue();
        return (System.nanoTime() - began) / 1_000_000;
    }

    /** A record's event as {@code user@epochMillis}, as {@code StoredEvents.keys()} has it. */
    private static String eventKey(byte[] value) {
        Event event = new EventJson().decode(value);
        return event.user() + "@" + event.timestamp().toEpochMilli();
    }

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("WRITER_INSTANCE_ID", "shutdown-writer");
        env.putAll(extra);
        return env;
    }
}
