package io.useranalytics.writer;

/**
 * A batch whose users are in the database, with their internal ids: what the store thread writes.
 */
record ReadyBatch(Batch batch, UserRegistry.BatchUsers users) {}
