package io.useranalytics.writer;

import io.useranalytics.common.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes events as PostgreSQL COPY text rows {@code time<TAB>user_id<TAB>kind}. Every field is a
 * timestamp, a number or an enum label, so no field ever needs escaping.
 */
final class CopyEncoder {
    byte[] encode(List<Event> events, Map<String, Long> userIds) {
        StringBuilder rows = new StringBuilder(events.size() * 48);
        for (Event event : events) {
            Long userId = userIds.get(event.user());
            if (userId == null) {
                throw new IllegalArgumentException("no id for user " + event.user());
            }
            rows.append(event.timestamp())
                    .append('\t')
                    .append(userId)
                    .append('\t')
                    .append(event.kind().wireName())
                    .append('\n');
        }
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }
}
