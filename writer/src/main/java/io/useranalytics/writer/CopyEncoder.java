package io.useranalytics.writer;

import io.useranalytics.record.Event;
import io.useranalytics.store.BinaryCopyRows;
import java.io.OutputStream;
import java.util.List;

/**
 * Encodes events as binary COPY rows of table {@code events} (time, user_id, kind): the server
 * parses no text, which the writer's profile showed to matter.
 */
final class CopyEncoder {
    static final String COPY_EVENTS =
            "COPY events (time, user_id, kind) FROM STDIN (FORMAT binary)";

    /**
     * Writes the rows to {@code target}, whole: header, rows, trailer. {@code userIds[i]} is the
     * internal id of the user of {@code events.get(i)}.
     */
    void encode(List<Event> events, long[] userIds, OutputStream target) {
        if (userIds.length != events.size()) {
            throw new IllegalArgumentException(
                    userIds.length + " user ids for " + events.size() + " events");
        }
        BinaryCopyRows rows = new BinaryCopyRows(target);
        for (int i = 0; i < userIds.length; i++) {
            Event event = events.get(i);
            rows.eventRow(event.timestamp().toEpochMilli(), userIds[i], event.kind().wireName());
        }
        rows.end();
    }
}
