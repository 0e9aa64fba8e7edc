package io.useranalytics.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * A batch body format: splits a stream into numbered items of at most {@code maxItemBytes} bytes
 * each, without holding more than one item in memory.
 */
public interface BatchItems {
    void read(InputStream body, Receiver receiver) throws IOException;

    /** Hears each item in order; numbers start at 1. */
    interface Receiver {
        void item(int number, byte[] json);

        void tooLong(int number, int maxItemBytes);
    }
}
