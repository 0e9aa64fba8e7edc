package io.useranalytics.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.useranalytics.system.ThreeServices;
import io.useranalytics.testsupport.KafkaCluster;
import io.useranalytics.testsupport.PostLoad;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline on a three-broker Kafka cluster (three replicas, min.insync.replicas 2) while
 * brokers die: the leader of a busy partition is SIGKILLed under single and batch POSTs and started
 * again later, then another broker is stopped for good. Every acknowledged event is stored exactly
 * once (a single event's 204, a batch's 200), and acknowledgements come back while the killed
 * broker is still dead.
 */
class KafkaClusterIT {
    private static final String TOPIC = "cluster.events";
    private static final String DEAD_LETTERS = "cluster.events.dlq";
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @RegisterExtension static final KafkaCluster kafka = new KafkaCluster();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void brokers_killed_and_stopped_under_load_lose_no_acknowledged_event() throws Exception {
        ThreeServices services =
                ThreeServices.start(
                        kafka.bootstrapServers(),
                        postgres,
                        Map.of(
                                "KAFKA_TOPIC",
                                TOPIC,
                                "KAFKA_DLQ_TOPIC",
                                DEAD_LETTERS,
                                "KAFKA_TOPIC_PARTITIONS",
                                "3",
                                "KAFKA_TOPIC_REPLICATION_FACTOR",
                                "3"));
        PostLoad singles = new PostLoad("single-", T0);
        PostLoad batches = new PostLoad("batch-", T0.plus(Duration.ofHours(1)));
        List<Thread> senders = new ArrayList<>();
        senders.addAll(singles.run(services.ingest.port(), 6, 1_000_000));
        senders.addAll(batches.runBatches(services.ingest.port(), 1, 50, 1_000_000));
        awaitAcknowledged(singles, batches, 0);

        int leader = kafka.leaderOf(TOPIC, 0);
        boolean controller = kafka.activeController() == leader;
        long killed = System.nanoTime();
        kafka.kill(leader);
        awaitAcknowledged(singles, batches, killed);
        long servingAgain = System.nanoTime();
        assertThat(kafka.leaderOf(TOPIC, 0)).isNotEqualTo(leader);
        kafka.start(leader);
        kafka.awaitInSync(List.of(TOPIC, DEAD_LETTERS));

        int stopping = kafka.leaderOf(TOPIC, 0);
        long stopped = System.nanoTime();
        kafka.stop(stopping);
        awaitAcknowledged(singles, batches, stopped);
        long carriedOn = System.nanoTime();

        singles.stop();
        batches.stop();
        for (Thread sender : senders) {
            sender.join(30_000);
        }
        Set<String> acknowledged = new HashSet<>(singles.acknowledged());
        acknowledged.addAll(batches.acknowledged());
        Set<String> unanswered = new HashSet<>(singles.answered(503));
        unanswered.addAll(batches.answered(503));
        StoredEvents single = new StoredEvents(postgres.dataSource(), "single-");
        StoredEvents batch = new StoredEvents(postgres.dataSource(), "batch-");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stored(single, batch).containsAll(acknowledged));
        List<String> keys = stored(single, batch);
        Set<String> beyondAcknowledged = new HashSet<>(keys);
        beyondAcknowledged.removeAll(acknowledged);
        System.out.printf(
                "KafkaClusterIT: node %d (leader of partition 0; the active controller: %s) SIGKILLed,"
                        + " node %d stopped; singles"
                        + " %s, batches (events) %s; acknowledged=%d stored=%d duplicates=%d lost=%d"
                        + " (of the 503s %d stored anyway); longest time without an acknowledgement after the"
                        + " kill: singles %d ms, batches %d ms; after the stop: singles %d ms,"
                        + " batches %d ms%n",
                leader,
                controller ? "yes" : "no",
                stopping,
                singles.statusCounts(),
                batches.statusCounts(),
                acknowledged.size(),
                keys.size(),
                single.duplicates() + batch.duplicates(),
                acknowledged.stream().filter(key -> !keys.contains(key)).count(),
                beyondAcknowledged.size(),
                singles.longestWithoutAck(killed, servingAgain).toMillis(),
                batches.longestWithoutAck(killed, servingAgain).toMillis(),
                singles.longestWithoutAck(stopped, carriedOn).toMillis(),
                batches.longestWithoutAck(stopped, carriedOn).toMillis());
        assertThat(singles.statusCounts().keySet()).isSubsetOf(204, 503);
        assertThat(batches.statusCounts().keySet()).isSubsetOf(200, 503);
        assertThat(unanswered).containsAll(beyondAcknowledged);
        assertThat(keys).hasSameSizeAs(new HashSet<>(keys));
        assertThat(single.duplicates() + batch.duplicates()).isZero();
        services.close();
    }

    /**
     * Waits until both loads had requests acknowledged after {@code nanoTime}: a failover that
     * never ends fails here, the bound covers the broker's session timeout and the ack timeout.
     */
    private static void awaitAcknowledged(PostLoad singles, PostLoad batches, long nanoTime) {
        await().atMost(Duration.ofSeconds(45))
                .untilAsserted(
                        () ->
                                assertThat(
                                                List.of(
                                                        singles.acknowledgedSince(nanoTime),
                                                        batches.acknowledgedSince(nanoTime)))
                                        .as(
                                                "acknowledged requests (singles, batches) since; answers so far:"
                                                        + " singles %s, batches %s",
                                                singles.statusCounts(), batches.statusCounts())
                                        .satisfies(
                                                counts -> {
                                                    assertThat(counts.get(0))
                                                            .isGreaterThanOrEqualTo(100);
                                                    assertThat(counts.get(1))
                                                            .isGreaterThanOrEqualTo(10);
                                                }));
    }

    private static List<String> stored(StoredEvents single, StoredEvents batch) {
        List<String> keys = new ArrayList<>(single.keys());
        keys.addAll(batch.keys());
        return keys;
    }
}
