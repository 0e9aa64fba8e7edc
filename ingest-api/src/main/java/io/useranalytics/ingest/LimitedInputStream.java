package io.useranalytics.ingest;

import io.javalin.http.HttpStatus;
import io.useranalytics.common.http.ProblemException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes at most {@code max} bytes through; reading past them is a 413 naming {@code what}. */
final class LimitedInputStream extends FilterInputStream {
    private final long max;
    private final String what;
    private long read;

    LimitedInputStream(InputStream in, long max, String what) {
        super(in);
        this.max = max;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, (int) Math.min(length, max - read + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > max) {
            throw tooLarge(what, max);
        }
    }

    static ProblemException tooLarge(String what, long max) {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                what
                        + " is larger than "
                        + max
                        + " bytes (INGEST_MAX_BODY_BYTES); nothing was published");
    }
}
