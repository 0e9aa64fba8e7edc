package io.useranalytics.writer;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the record a batch failed on when the database refused a value in it: the batch is held as
 * its two halves in log order, each retried at once, until the failing record is alone and becomes
 * a dead letter with the database's reason; the records beside it are stored as they go. Logs the
 * search once, when it starts. Mutable; the poll thread only.
 */
final class RefusedRecordSearch {
    private static final Logger log = LoggerFactory.getLogger(RefusedRecordSearch.class);

    private boolean searching;

    /**
     * What to hold instead of {@code batch} after {@code failure}: its halves, or its one record as
     * a reject; empty when the failure is not a refused value (or not one record's), and the batch
     * waits for the database with back-off as it is.
     */
    Optional<List<Batch>> partsOf(Batch batch, BatchWriteException failure) {
        if (WriteFailure.of(failure) != WriteFailure.RECORD_REFUSED || batch.size() == 0) {
            return Optional.empty();
        }
        if (batch.size() > 1) {
            if (!searching) {
                searching = true;
                log.warn(
                        "a batch of {} records failed on a value the database refused ({});"
                                + " writing it in halves to find the record",
                        batch.size(),
                        rootMessage(failure));
            }
            return Optional.of(batch.halves());
        }
        if (batch.valid().isEmpty()) {
            return Optional.empty();
        }
        Decoded.Valid record = batch.valid().get(0);
        return Optional.of(
                List.of(
                        batch.refusing(
                                List.of(
                                        record.refused(
                                                "the database refused it: "
                                                        + rootMessage(failure))))));
    }

    /** Nothing is held any more: a later refusal starts a search of its own. */
    void ended() {
        searching = false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
