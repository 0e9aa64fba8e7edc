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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two writers share the partitions; one is killed and restarted mid-load; counts stay exact. */
class WriterRebalanceIT {
    private static final String TOPIC = "analytics.events";
    private static final String GROUP = "user-analytics-writer";
    private static final int EVENTS = 100_000;

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @RegisterExtension final ChildProcesses processes = ChildProcesses.perTest();

    @Test
    void two_writers_through_a_kill_and_a_restart_store_every_acknowledged_event_once()
            throws Exception {
        TopicSetup.ensure(kafka.bootstrapServers(), Map.of(TOPIC, 6));
        EventLoad load =
                new EventLoad(
                        "rebalance-",
                        500,
                        Instant.parse("2026-02-01T00:00:00Z"),
                        Duration.ofMillis(53));
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "rebalance-");
        Process first = startWriter("a-0");
        Process second = startWriter("b-0");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> groupMembers() == 2);
        CompletableFuture<Void> producing = load.produceInBackground(kafka, TOPIC, EVENTS, 5_000);

        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions() // until the first writer has created the schema
                .until(() -> stored.count() > 10_000);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long killedAt = System.nanoTime();
        long atKill = stored.count();
        await().atMost(Duration.ofSeconds(60)).until(() -> groupMembers() == 1);
        long takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
        first = startWriter("a-1");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> groupMembers() == 2);
        producing.get(2, TimeUnit.MINUTES);
        await().atMost(Duration.ofMinutes(2)).until(() -> stored.count() >= load.acked());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> stored.count() == load.acked());
        first.destroy();
        second.destroy();
        first.waitFor(30, TimeUnit.SECONDS);
        second.waitFor(30, TimeUnit.SECONDS);

        System.out.printf(
                "WriterRebalanceIT: sent=%d acknowledged=%d stored=%d duplicates=%d lost=%d;"
                        + " stored when one writer was killed=%d; group down to one member after %d ms%n",
                load.sent(),
                load.acked(),
                stored.count(),
                stored.duplicates(),
                load.acked() - stored.count(),
                atKill,
                takeoverMillis);
        assertThat(load.acked()).isEqualTo(EVENTS);
        assertThat(stored.duplicates()).isZero();
        assertThat(stored.perHour()).isEqualTo(load.ackedPerHour());
        assertThat(stored.perUser()).isEqualTo(load.ackedPerUser());
    }

    private static int groupMembers() throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(GROUP))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(GROUP)
                    .members()
                    .size();
        }
    }

    private Process startWriter(String name) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("WRITER_SESSION_TIMEOUT_MS", "6000");
        return processes.start("writer", env, "rebalance-writer-" + name);
    }
}
