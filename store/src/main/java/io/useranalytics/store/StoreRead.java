package io.useranalytics.store;

/** A read of the store bound to its database, for a service that only needs its answer. */
@FunctionalInterface
public interface StoreRead<T> {
    T read() throws StoreException;
}
