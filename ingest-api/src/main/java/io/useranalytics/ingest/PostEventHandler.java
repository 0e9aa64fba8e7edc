package io.useranalytics.ingest;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.useranalytics.record.Event;
import java.util.Objects;

/**
 * POST /analytics: one event from the query string; 204 once Kafka has it, without a thread
 * waiting.
 */
final class PostEventHandler implements Handler {
    private final EventQueryParser parser;
    private final EventPublisher publisher;

    PostEventHandler(EventQueryParser parser, EventPublisher publisher) {
        this.parser = Objects.requireNonNull(parser, "parser == null");
        this.publisher = Objects.requireNonNull(publisher, "publisher == null");
    }

    @Override
    public void handle(Context ctx) {
        Event event = parser.parse(ctx.queryParamMap());
        ctx.future(() -> publisher.publish(event).thenRun(() -> ctx.status(HttpStatus.NO_CONTENT)));
    }
}
