package io.useranalytics.ingest;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * POST /analytics/batch: reads the whole body first (a body over a limit publishes nothing), then
 * publishes its valid events and answers once Kafka has answered for all of them: 200 if every item
 * was accepted, else a 400 problem that lists the rejected items beside the accepted count.
 */
final class PostBatchHandler implements Handler {
    private final BatchBody body;
    private final EventRules rules;
    private final EventPublisher publisher;
    private final int maxEvents;
    private final EventJson json = new EventJson();

    PostBatchHandler(BatchBody body, EventRules rules, EventPublisher publisher, int maxEvents) {
        this.body = Objects.requireNonNull(body, "body == null");
        this.rules = Objects.requireNonNull(rules, "rules == null");
        this.publisher = Objects.requireNonNull(publisher, "publisher == null");
        this.maxEvents = maxEvents;
    }

    @Override
    public void handle(Context ctx) {
        PendingBatch pending = publisher.startBatch();
        BatchCollector collector = new BatchCollector(json, rules, pending, maxEvents);
        try {
            body.read(ctx, collector);
            if (collector.items() == 0) {
                throw new InvalidInputException("body", "body holds no events");
            }
        } catch (RuntimeException e) {
            pending.close();
            throw e;
        }
        int valid = pending.size();
        // Javalin calls the supplier after this method returns.
        ctx.future(
                () ->
                        pending.publish()
                                .thenAccept(
                                        acknowledged ->
                                                ctx.status(HttpStatus.OK)
                                                        .json(
                                                                BatchOutcome.accepted(
                                                                        collector,
                                                                        valid,
                                                                        acknowledged))));
    }

    /** The 200 answer: every item was an event and Kafka has them all. */
    record Accepted(int accepted, List<RejectedItem> rejected) {}
}
