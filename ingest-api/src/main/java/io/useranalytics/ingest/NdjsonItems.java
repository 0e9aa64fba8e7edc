package io.useranalytics.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * NDJSON: one item per line, numbered by line; blank lines are skipped (but counted) and a trailing
 * {@code \r} is dropped. A line longer than the maximum is reported, not buffered.
 */
public final class NdjsonItems implements BatchItems {
    private final int maxItemBytes;

    public NdjsonItems(int maxItemBytes) {
        this.maxItemBytes = maxItemBytes;
    }

    @Override
    public void read(InputStream body, Receiver receiver) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        int number = 1;
        int n;
        while ((n = body.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    tooLong = append(line, buffer, start, i - start, tooLong);
                    finish(number++, line, tooLong, receiver);
                    line.reset();
                    tooLong = false;
                    start = i + 1;
                }
            }
            tooLong = append(line, buffer, start, n - start, tooLong);
        }
        finish(number, line, tooLong, receiver);
    }

    private boolean append(
            ByteArrayOutputStream line, byte[] buffer, int start, int length, boolean tooLong) {
        if (tooLong || line.size() + length > maxItemBytes + 1) {
            return true; // +1: a line may end in \r
        }
        line.write(buffer, start, length);
        return false;
    }

    private void finish(
            int number, ByteArrayOutputStream line, boolean tooLong, Receiver receiver) {
        if (tooLong) {
            receiver.tooLong(number, maxItemBytes);
            return;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        if (length > maxItemBytes) {
            receiver.tooLong(number, maxItemBytes);
        } else if (!isBlank(bytes, length)) {
            receiver.item(number, length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
        }
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
