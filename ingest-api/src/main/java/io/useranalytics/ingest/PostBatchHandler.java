package io.useranalytics.ingest;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * POST /analytics/batch: reads and checks the whole body first; a body with a rejected item or over
 * a limit publishes nothing (a 400 listing the rejected items, or a 413). A valid batch is
 * published whole and answered once Kafka has answered for all of it: 200, or a 503 saying how many
 * events may have been stored.
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
        try {
            BatchCollector collector = new BatchCollector(json, rules, pending, maxEvents);
            body.read(ctx, collector);
            if (collector.items() == 0) {
                throw new InvalidInputException("body", "body holds no events");
            }
            if (collector.rejected() > 0) {
                throw BatchOutcome.rejected(collector);
            }
        } catch (RuntimeException e) {
            pending.close();
            throw e;
        }
        // Javalin calls the supplier after this method returns.
        ctx.future(
                () ->
                        pending.publish()
                                .thenAccept(
                                        delivery ->
                                                ctx.status(HttpStatus.OK)
                                                        .json(BatchOutcome.published(delivery))));
    }

    /** The 200 answer: every item was an event and Kafka has them all. */
    record Accepted(int accepted, List<RejectedItem> rejected) {}
}
