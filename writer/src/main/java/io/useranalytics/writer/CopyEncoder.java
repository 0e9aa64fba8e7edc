package io.useranalytics.writer;

import io.useranalytics.record.Event;
import io.useranalytics.store.EventBlocks;
import java.io.OutputStream;
import java.util.List;

/**
 * Encodes a batch's events as binary COPY rows of table {@code event_blocks}, a row per second
 * ({@link EventBlocks}): the server parses no text, which the writer's profile showed to matter.
 */
final class CopyEncoder {
    static final String COPY_EVENTS = EventBlocks.COPY;

    /**
     * Writes the rows to {@code target}, whole: header, rows, trailer. {@code userIds[i]} is the
     * internal id of the user of {@code events.get(i)}.
     */
    void encode(List<Event> events, long[] userIds, OutputStream target) {
        if (userIds.length != events.size()) {
            throw new IllegalArgumentException(
                    userIds.length + " user ids for " + events.size() + " events");
        }
        EventBlocks blocks = new EventBlocks();
        for (int i = 0; i < userIds.length; i++) {
            Event event = events.get(i);
            blocks.add(event.timestamp(), userIds[i], event.kind());
        }
        blocks.writeCopy(target);
    }
}
