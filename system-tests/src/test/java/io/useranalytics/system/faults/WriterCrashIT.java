package io.useranalytics.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.common.kafka.TopicSetup;
import io.useranalytics.testsupport.ChildProcesses;
import io.useranalytics.testsupport.EventLoad;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A writer process is SIGKILLed at random moments during a load; nothing is lost or doubled. */
class WriterCrashIT {
    private static final String TOPIC = "analytics.events";
    private static final int EVENTS = 200_000;

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @RegisterExtension final ChildProcesses processes = ChildProcesses.perTest();

    @Test
    void killed_five_times_mid_load_the_writer_stores_every_acknowledged_event_exactly_once()
            throws Exception {
        TopicSetup.ensure(kafka.bootstrapServers(), Map.of(TOPIC, 6));
        EventLoad load =
                new EventLoad(
                        "crash-",
                        2_000,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Duration.ofMillis(37));
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "crash-");
        CompletableFuture<Void> producing = load.produceInBackground(kafka, TOPIC, EVENTS, 6_000);
        Random random = new Random(7);
        List<Long> recoveryMillis = new ArrayList<>();
        int kills = 0;
        Process writer = startWriter(0);
        // Kills start once the first writer has created the schema and stored something: a busy
        // machine can take longer than the first pause to start it.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> stored.count() > 0);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);

        while ((kills < 5 || !producing.isDone()) && System.nanoTime() < deadline) {
            Thread.sleep(1_500 + random.nextInt(2_500));
            writer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            kills++;
            long before = stored.count();
            writer = startWriter(kills);
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    stored.count() > before
                                            || (producing.isDone()
                                                    && stored.count() == load.acked()));
            recoveryMillis.add((System.nanoTime() - restarted) / 1_000_000);
        }
        producing.get(2, TimeUnit.MINUTES);
        await().atMost(Duration.ofMinutes(2)).until(() -> stored.count() >= load.acked());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> stored.count() == load.acked());
        writer.destroy();
        writer.waitFor(30, TimeUnit.SECONDS);

        System.out.printf(
                "WriterCrashIT: sent=%d acknowledged=%d stored=%d duplicates=%d lost=%d kills=%d"
                        + " recovery ms after each restart (JVM start to first new rows)=%s%n",
                load.sent(),
                load.acked(),
                stored.count(),
                stored.duplicates(),
                load.acked() - stored.count(),
                kills,
                recoveryMillis);
        assertThat(kills).isGreaterThanOrEqualTo(5);
        assertThat(load.failed()).isZero();
        assertThat(load.acked()).isEqualTo(EVENTS);
        assertThat(stored.duplicates()).isZero();
        assertThat(stored.perHour()).isEqualTo(load.ackedPerHour());
        assertThat(stored.perUser()).isEqualTo(load.ackedPerUser());
    }

    private Process startWriter(int run) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("WRITER_INSTANCE_ID", "crash-writer");
        return processes.start("writer", env, "crash-writer-" + run);
    }
}
