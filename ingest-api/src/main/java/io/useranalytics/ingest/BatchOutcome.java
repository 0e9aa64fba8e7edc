package io.useranalytics.ingest;

import io.javalin.http.HttpStatus;
import io.useranalytics.common.http.ProblemException;
import io.useranalytics.common.http.ServiceUnavailableException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a batch request is answered, once Kafka has answered for its valid events. */
final class BatchOutcome {
    private BatchOutcome() {}

    /**
     * The 200 answer when Kafka has every valid event and none was rejected.
     *
     * @throws ServiceUnavailableException when Kafka acknowledged fewer than were valid
     * @throws ProblemException a 400 listing the rejected items beside the accepted count
     */
    static PostBatchHandler.Accepted accepted(
            BatchCollector collector, int valid, int acknowledged) {
        if (acknowledged < valid) {
            throw new ServiceUnavailableException(
                    "Kafka acknowledged "
                            + acknowledged
                            + " of "
                            + valid
                            + " valid events in time; retry the batch (events with an id count"
                            + " once)",
                    Duration.ofSeconds(1));
        }
        if (collector.rejected() > 0) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("accepted", acknowledged);
            report.put("rejected_count", collector.rejected());
            report.put("rejected", collector.listed());
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    collector.rejected()
                            + " of "
                            + collector.items()
                            + " events were rejected; the other "
                            + acknowledged
                            + " were accepted and published",
                    report);
        }
        return new PostBatchHandler.Accepted(acknowledged, List.of());
    }
}
