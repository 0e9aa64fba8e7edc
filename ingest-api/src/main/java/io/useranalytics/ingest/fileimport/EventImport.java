package io.useranalytics.ingest.fileimport;

import com.fasterxml.jackson.core.JacksonException;
import io.useranalytics.common.tool.ProgressDisplay;
import io.useranalytics.ingest.BatchItems;
import io.useranalytics.ingest.EventRules;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Reads files of events twice: first to check every line by the API's rules (nothing is sent), then
 * to publish the valid events to the topic as ingest-api would, keyed by user. One thread.
 */
final class EventImport {
    static final int MAX_LISTED = 100;

    private final EventJson json = new EventJson();
    private final EventRules rules;

    EventImport(EventRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules == null");
    }

    /** What the check found: valid events, bad lines, the first {@value #MAX_LISTED} listed. */
    record Checked(long valid, long bad, List<BadLine> listed) {
        Checked {
            listed = List.copyOf(listed);
        }
    }

    Checked check(List<EventFile> files, ProgressDisplay progress) {
        long[] counts = new long[2];
        List<BadLine> listed = new ArrayList<>();
        for (EventFile file : files) {
            read(
                    file,
                    event -> progress.stepTo(++counts[0] + counts[1]),
                    bad -> {
                        progress.stepTo(counts[0] + ++counts[1]);
                        if (listed.size() < MAX_LISTED) {
                            listed.add(bad);
                        }
                    });
        }
        return new Checked(counts[0], counts[1], listed);
    }

    /**
     * Publishes the valid events of {@code files}, bad lines left out; returns once Kafka
     * acknowledged every one.
     *
     * @throws ImportException if Kafka refused one: those sent before it may be published
     */
    long publish(
            List<EventFile> files,
            Producer<byte[], byte[]> producer,
            String topic,
            ProgressDisplay progress) {
        AtomicReference<Exception> refused = new AtomicReference<>();
        long[] sent = {0};
        for (EventFile file : files) {
            read(
                    file,
                    event -> {
                        if (refused.get() != null) {
                            throw new ImportException(
                                    "Kafka refused an event: " + refused.get().getMessage());
                        }
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        event.user().getBytes(StandardCharsets.UTF_8),
                                        json.encode(event)),
                                (metadata, error) -> {
                                    if (error != null) {
                                        refused.compareAndSet(null, error);
                                    }
                                });
                        progress.stepTo(++sent[0]);
                    },
                    bad -> {});
        }
        producer.flush();
        if (refused.get() != null) {
            throw new ImportException(
                    "Kafka refused an event: "
                            + refused.get().getMessage()
                            + "; events sent before it may be published");
        }
        return sent[0];
    }

    private void read(EventFile file, Consumer<Event> valid, Consumer<BadLine> bad) {
        BatchItems.Receiver receiver =
                new BatchItems.Receiver() {
                    @Override
                    public void item(int number, byte[] bytes) {
                        Event event;
                        try {
                            event = rules.check(json.decode(bytes));
                        } catch (InvalidInputException e) {
                            bad.accept(new BadLine(file.path(), number, e.reason()));
                            return;
                        }
                        valid.accept(event);
                    }

                    @Override
                    public void tooLong(int number, int maxItemBytes) {
                        bad.accept(
                                new BadLine(
                                        file.path(),
                                        number,
                                        "event is longer than " + maxItemBytes + " bytes"));
                    }
                };
        try (InputStream in = Files.newInputStream(file.path())) {
            file.format().items().read(in, receiver);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ImportException(
                    file.path() + ":" + line + ": not valid CSV: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ImportException("cannot read " + file.path() + ": " + e.getMessage());
        }
    }
}
