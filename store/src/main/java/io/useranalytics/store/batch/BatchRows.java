package io.useranalytics.store.batch;

import io.useranalytics.record.Event;
import io.useranalytics.store.offsets.OffsetRange;
import io.useranalytics.store.offsets.PartitionKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * A batch as the store writes it: the offsets it advances, in the order to lock them; its events;
 * the internal id of each event's user (the users are committed already); the rollup shard it adds
 * to.
 */
public record BatchRows(
        Map<PartitionKey, OffsetRange> offsets,
        List<Event> events,
        ToLongFunction<String> userIdOf,
        short rollupShard) {
    public BatchRows {
        Objects.requireNonNull(offsets, "offsets == null");
        Objects.requireNonNull(events, "events == null");
        Objects.requireNonNull(userIdOf, "userIdOf == null");
    }
}
