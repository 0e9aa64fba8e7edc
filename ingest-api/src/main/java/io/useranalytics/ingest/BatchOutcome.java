package io.useranalytics.ingest;

import io.javalin.http.HttpStatus;
import io.useranalytics.common.http.ProblemException;
import io.useranalytics.common.http.ServiceUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a batch request is answered. */
final class BatchOutcome {
    private BatchOutcome() {}

    /**
     * The 400 for a batch with rejected items: nothing of it was published.
     *
     * @return the problem listing each rejected item beside the count
     */
    static ProblemException rejected(BatchCollector collector) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("accepted", 0);
        report.put("rejected_count", collector.rejected());
        report.put("rejected", collector.listed());
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                collector.rejected()
                        + " of "
                        + collector.items()
                        + " events were rejected; nothing was published: send the batch again"
                        + " without them",
                report);
    }

    /**
     * The 200 answer once Kafka has every event of a valid batch.
     *
     * @throws ServiceUnavailableException when Kafka did not acknowledge every event in time
     */
    static PostBatchHandler.Accepted published(PendingBatch.BatchDelivery delivery) {
        if (!delivery.isComplete()) {
            throw new ServiceUnavailableException(describe(delivery), EventPublisher.RETRY_AFTER);
        }
        return new PostBatchHandler.Accepted(delivery.acknowledged(), List.of());
    }

    private static String describe(PendingBatch.BatchDelivery delivery) {
        int total = delivery.acknowledged() + delivery.refused() + delivery.unknown();
        StringBuilder detail =
                new StringBuilder("Kafka acknowledged ")
                        .append(delivery.acknowledged())
                        .append(" of ")
                        .append(total)
                        .append(" events in time");
        if (delivery.refused() > 0) {
            detail.append("; ").append(delivery.refused()).append(" were refused and not stored");
        }
        if (delivery.unknown() > 0) {
            detail.append("; ").append(delivery.unknown()).append(" may have been stored");
        }
        return detail.append(": retry the batch (events with an id count once)").toString();
    }
}
