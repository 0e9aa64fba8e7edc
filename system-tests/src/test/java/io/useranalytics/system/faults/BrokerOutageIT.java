package io.useranalytics.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.ingest.IngestApp;
import io.useranalytics.ingest.IngestConfig;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.PostLoad;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import io.useranalytics.writer.WriterApp;
import io.useranalytics.writer.WriterConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker goes away under HTTP load: 503 within the bound, then 204 again, nothing lost. */
class BrokerOutageIT {
    private static final int ACK_TIMEOUT_MS = 1_000;

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void every_event_that_got_a_204_is_stored_once_and_503s_come_within_the_bound()
            throws Exception {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("INGEST_ACK_TIMEOUT_MS", Integer.toString(ACK_TIMEOUT_MS));
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "broker-");
        PostLoad load = new PostLoad("broker-", Instant.parse("2026-04-01T00:00:00Z"));
        try (WriterApp writer =
                        WriterApp.start(
                                WriterConfig.from(new Env(env)),
                                new SimpleMeterRegistry(),
                                failures::add);
                LocalService<IngestApp> ingest =
                        LocalService.start(
                                registry ->
                                        IngestApp.connect(
                                                IngestConfig.from(new Env(env)), registry))) {
            List<Thread> senders = load.run(ingest.port(), 4, 1_000_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> load.answered(204).size() > 2_000);

            kafka.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.answered(503).size() >= 8);
            int okBeforeRestart = load.answered(204).size();
            kafka.start();
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> load.answered(204).size() > okBeforeRestart + 100);
            long backMillis = (System.nanoTime() - restarted) / 1_000_000;
            load.stop();
            for (Thread sender : senders) {
                sender.join(30_000);
            }
            ingest.server().stop();

            Set<String> ok = new HashSet<>(load.answered(204));
            Set<String> unavailable = new HashSet<>(load.answered(503));
            await().atMost(Duration.ofSeconds(60)).until(() -> stored.keys().containsAll(ok));
            List<String> keys = stored.keys();
            Set<String> unexpected = new HashSet<>(keys);
            unexpected.removeAll(ok);
            System.out.printf(
                    "BrokerOutageIT: answers %s; stored=%d (every 204: yes; of the 503s %d landed anyway);"
                            + " duplicates=%d; slowest 503 %d ms (bound %d ms); 204 again %d ms after restart%n",
                    load.statusCounts(),
                    keys.size(),
                    unexpected.size(),
                    stored.duplicates(),
                    load.unavailableMillis().stream().mapToLong(Long::longValue).max().orElse(0),
                    ACK_TIMEOUT_MS,
                    backMillis);
            assertThat(load.statusCounts().keySet()).containsOnly(204, 503);
            assertThat(unavailable).containsAll(unexpected);
            assertThat(stored.duplicates()).isZero();
            assertThat(load.unavailableMillis())
                    .allSatisfy(ms -> assertThat(ms).isLessThan(ACK_TIMEOUT_MS + 1_500L));
        }
        assertThat(failures).isEmpty();
    }
}
