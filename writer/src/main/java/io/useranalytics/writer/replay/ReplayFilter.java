package io.useranalytics.writer.replay;

import io.useranalytics.record.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.header.Header;

/**
 * Which dead letters a replay sends back: those whose reason contains {@code reason}, in {@code
 * partition}, at offsets from {@code fromOffset} (inclusive) to {@code toOffset} (exclusive) of the
 * dead-letter topic; every one when nothing is given.
 */
record ReplayFilter(
        Optional<String> reason, OptionalInt partition, long fromOffset, long toOffset) {
    ReplayFilter {
        Objects.requireNonNull(reason, "reason == null");
        Objects.requireNonNull(partition, "partition == null");
        if (fromOffset < 0 || toOffset <= fromOffset) {
            throw new IllegalArgumentException(
                    "offsets from " + fromOffset + " to " + toOffset + " are not a range");
        }
    }

    static ReplayFilter all() {
        return new ReplayFilter(Optional.empty(), OptionalInt.empty(), 0, Long.MAX_VALUE);
    }

    boolean matches(int recordPartition, long offset, Iterable<Header> headers) {
        if (partition.isPresent() && partition.getAsInt() != recordPartition) {
            return false;
        }
        if (offset < fromOffset || offset >= toOffset) {
            return false;
        }
        return reason.isEmpty() || reasonOf(headers).contains(reason.get());
    }

    private static String reasonOf(Iterable<Header> headers) {
        for (Header header : headers) {
            if (header.key().equals(DeadLetterHeaders.REASON) && header.value() != null) {
                return new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** E.g. "reason containing 'earliest', partition 2, offsets 10 to 20". */
    String describe() {
        List<String> parts = new ArrayList<>();
        reason.ifPresent(text -> parts.add("reason containing '" + text + "'"));
        partition.ifPresent(p -> parts.add("partition " + p));
        if (fromOffset > 0 || toOffset < Long.MAX_VALUE) {
            parts.add(
                    "offsets "
                            + fromOffset
                            + (toOffset < Long.MAX_VALUE ? " to " + toOffset : " on"));
        }
        return parts.isEmpty() ? "every dead letter" : String.join(", ", parts);
    }
}
