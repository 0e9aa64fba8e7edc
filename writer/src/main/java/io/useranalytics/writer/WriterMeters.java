package io.useranalytics.writer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the writer counts: events loaded, retries dropped, records dead-lettered, failed writes,
 * batch sizes and times.
 */
record WriterMeters(
        Counter eventsWritten,
        Counter retriesDropped,
        Counter deadLettered,
        Counter failedWrites,
        Counter databaseRewinds,
        DistributionSummary batchSizes,
        Timer batchWrites) {
    static WriterMeters registerIn(MeterRegistry registry) {
        return new WriterMeters(
                Counter.builder("writer.events.written")
                        .description("events committed to the database")
                        .register(registry),
                Counter.builder("writer.events.retries.dropped")
                        .description("events not stored because their client id was stored before")
                        .register(registry),
                Counter.builder("writer.records.dead.lettered")
                        .description(
                                "records sent to the dead-letter topic because they were not valid events")
                        .register(registry),
                Counter.builder("writer.batch.failures")
                        .description(
                                "batch writes that failed and were retried or dropped as stale")
                        .register(registry),
                Counter.builder("writer.database.rewinds")
                        .description(
                                "times the database's stored offsets were behind the writer's"
                                        + " (a promoted standby, a restored backup): read again")
                        .register(registry),
                DistributionSummary.builder("writer.batch.records")
                        .description("records per written batch, rejects included")
                        .register(registry),
                Timer.builder("writer.batch.write")
                        .description("time to dead-letter a batch's rejects and commit its events")
                        .register(registry));
    }
}
