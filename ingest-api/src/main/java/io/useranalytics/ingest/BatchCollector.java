package io.useranalytics.ingest;

import io.javalin.http.HttpStatus;
import io.useranalytics.common.http.ProblemException;
import io.useranalytics.record.Event;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns batch items into events: a valid one joins the {@link PendingBatch} while no item was
 * rejected, an invalid one is noted with its number and reason (the first {@value #MAX_LISTED} in
 * full). More items than the batch maximum is a 413. Used by one request thread.
 */
final class BatchCollector implements BatchItems.Receiver {
    static final int MAX_LISTED = 1_000;

    private final EventJson json;
    private final EventRules rules;
    private final PendingBatch pending;
    private final int maxEvents;
    private final List<RejectedItem> listed = new ArrayList<>();
    private int items;
    private int rejected;

    BatchCollector(EventJson json, EventRules rules, PendingBatch pending, int maxEvents) {
        this.json = Objects.requireNonNull(json, "json == null");
        this.rules = Objects.requireNonNull(rules, "rules == null");
        this.pending = Objects.requireNonNull(pending, "pending == null");
        this.maxEvents = maxEvents;
    }

    @Override
    public void item(int number, byte[] bytes) {
        count();
        try {
            Event event = rules.check(json.decode(bytes));
            if (rejected == 0) {
                pending.add(event);
            }
        } catch (InvalidInputException e) {
            reject(new RejectedItem(number, e.parameter(), e.reason()));
        }
    }

    @Override
    public void tooLong(int number, int maxItemBytes) {
        count();
        reject(
                new RejectedItem(
                        number, "value", "event is longer than " + maxItemBytes + " bytes"));
    }

    int items() {
        return items;
    }

    int rejected() {
        return rejected;
    }

    /** The rejected items, the first {@value #MAX_LISTED} of them. */
    List<RejectedItem> listed() {
        return List.copyOf(listed);
    }

    private void count() {
        if (++items > maxEvents) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "batch has more than "
                            + maxEvents
                            + " events (INGEST_MAX_BATCH_EVENTS); nothing was published");
        }
    }

    /** The first rejected item dooms the batch: the places of its events are given back. */
    private void reject(RejectedItem item) {
        if (rejected++ == 0) {
            pending.close();
        }
        if (listed.size() < MAX_LISTED) {
            listed.add(item);
        }
    }
}
