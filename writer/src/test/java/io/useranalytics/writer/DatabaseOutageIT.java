package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.kafka.TopicSetup;
import io.useranalytics.testsupport.EventLoad;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import io.useranalytics.testsupport.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** PostgreSQL becomes unreachable mid-load: the writer pauses, retries, resumes, loses nothing. */
class DatabaseOutageIT {
    private static final String TOPIC = "analytics.events";
    private static final int EVENTS = 60_000;

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @Test
    void the_writer_pauses_while_the_database_is_cut_off_and_resumes_with_exact_counts()
            throws Exception {
        URI target = URI.create(postgres.url().substring("jdbc:".length()));
        ListAppender<ILoggingEvent> logs = captureLogsOf(WriteTrouble.class);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "outage-");
        EventLoad load =
                new EventLoad(
                        "outage-",
                        300,
                        Instant.parse("2026-03-01T00:00:00Z"),
                        Duration.ofMillis(61));
        TopicSetup.ensure(kafka.bootstrapServers(), Map.of(TOPIC, 6));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
                WriterApp writer =
                        WriterApp.start(
                                config(proxy, target), new SimpleMeterRegistry(), failures::add)) {
            CompletableFuture<Void> producing =
                    load.produceInBackground(kafka, TOPIC, EVENTS, 6_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() > 5_000);

            proxy.cut();
            long atCut = stored.count();
            await().atMost(Duration.ofSeconds(20)).until(() -> stall(writer).isPresent());
            assertThat(stall(writer).get())
                    .startsWith("the writer has stored nothing for ")
                    .contains("while records wait", "last failure: database unavailable");
            long afterOutage = stored.count();
            proxy.restore();
            long restored = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> stored.count() > afterOutage);
            long recoveryMillis = (System.nanoTime() - restored) / 1_000_000;
            producing.get(1, TimeUnit.MINUTES);
            await().atMost(Duration.ofMinutes(1)).until(() -> stored.count() >= load.acked());
            await().atMost(Duration.ofSeconds(10)).until(() -> stall(writer).isEmpty());

            System.out.printf(
                    "DatabaseOutageIT: sent=%d acknowledged=%d stored=%d duplicates=%d lost=%d;"
                            + " stored at cut=%d, when readiness said stalled=%d; first rows %d ms"
                            + " after restore%n",
                    load.sent(),
                    load.acked(),
                    stored.count(),
                    stored.duplicates(),
                    load.acked() - stored.count(),
                    atCut,
                    afterOutage,
                    recoveryMillis);
            assertThat(afterOutage - atCut)
                    .as("rows written while cut off (one batch in flight at most)")
                    .isLessThanOrEqualTo(5_000);
        }
        assertThat(failures).isEmpty();
        assertThat(load.acked()).isEqualTo(EVENTS);
        assertThat(stored.duplicates()).isZero();
        assertThat(stored.perHour()).isEqualTo(load.ackedPerHour());
        assertThat(stored.perUser()).isEqualTo(load.ackedPerUser());
        assertThat(messages(logs, Level.WARN))
                .singleElement()
                .asString()
                .startsWith("database unavailable");
        assertThat(messages(logs, Level.INFO))
                .singleElement()
                .asString()
                .startsWith("database back after");
    }

    /** What the writer's readiness says of its progress: empty while it is not stalled. */
    private static Optional<String> stall(WriterApp writer) {
        return writer.readinessChecks().stream()
                .filter(check -> check.name().equals("writer"))
                .findFirst()
                .orElseThrow()
                .blocker()
                .get();
    }

    private static WriterConfig config(TcpProxy proxy, URI target) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put(
                "DATABASE_URL",
                postgres.url()
                        .replace(
                                target.getHost() + ":" + target.getPort(),
                                "127.0.0.1:" + proxy.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("WRITER_RETRY_MAX_MS", "1000");
        env.put("WRITER_STALL_SECONDS", "2");
        return WriterConfig.from(new Env(env));
    }

    private static ListAppender<ILoggingEvent> captureLogsOf(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        logger.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    private static List<String> messages(ListAppender<ILoggingEvent> logs, Level level) {
        return logs.list.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
