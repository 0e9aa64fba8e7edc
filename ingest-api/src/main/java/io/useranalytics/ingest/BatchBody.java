package io.useranalytics.ingest;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.useranalytics.common.http.ProblemException;
import io.useranalytics.record.EventJson;
import io.useranalytics.record.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Reads a batch request body as a stream: NDJSON or a JSON array by Content-Type, gzip-decoded when
 * Content-Encoding says so, and never more than {@code maxBytes} as sent or as decoded.
 */
final class BatchBody {
    static final String NDJSON = "application/x-ndjson";
    private static final long DISCARD_BYTES = 4L * 1024 * 1024;

    private final long maxBytes;

    BatchBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void read(Context ctx, BatchItems.Receiver receiver) {
        BatchItems format = format(ctx.header(Header.CONTENT_TYPE));
        // Long: Javalin's int contentLength() is -1 for a length past 2^31, which read as unknown.
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            // At once, without waiting for a body that may never come; Jetty closes the
            // connection instead of reading the rest.
            ctx.header(Header.CONNECTION, "close");
            throw LimitedInputStream.tooLarge("body of " + declared + " bytes", maxBytes);
        }
        try {
            try (InputStream body = decoded(ctx)) {
                format.read(body, receiver);
            }
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.CONTENT_TOO_LARGE) {
                discardRest(ctx);
            }
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof TimeoutException) {
                ctx.header(Header.CONNECTION, "close");
                throw new ProblemException(
                        HttpStatus.REQUEST_TIMEOUT,
                        "the body arrived slower than HTTP_MIN_REQUEST_BYTES_PER_SECOND allows;"
                                + " nothing was published");
            }
            throw new InvalidInputException(
                    "body",
                    "body could not be read: " + e.getMessage() + "; nothing was published");
        }
    }

    /**
     * Reads and drops up to {@value #DISCARD_BYTES} bytes of what the client is still sending, so
     * that a client that sends its whole body before reading (no Expect: 100-continue) gets the 413
     * rather than a reset connection. A larger rest is cut off with the connection.
     */
    private static void discardRest(Context ctx) {
        try {
            InputStream rest = ctx.req().getInputStream();
            byte[] sink = new byte[8192];
            long left = DISCARD_BYTES;
            int n;
            while (left > 0 && (n = rest.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: nothing left to answer
        }
    }

    private BatchItems format(String contentType) {
        String type =
                contentType == null
                        ? ""
                        : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals(NDJSON) || type.equals("application/ndjson")) {
            return new NdjsonItems(EventJson.MAX_BYTES);
        }
        if (type.equals("application/json")) {
            return new JsonArrayItems(EventJson.MAX_BYTES);
        }
        throw new ProblemException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be "
                        + NDJSON
                        + " (one event per line) or application/json (an array of events), not '"
                        + (contentType == null ? "" : contentType)
                        + "'");
    }

    private InputStream decoded(Context ctx) throws IOException {
        InputStream sent = new LimitedInputStream(ctx.req().getInputStream(), maxBytes, "body");
        String encoding = ctx.header(Header.CONTENT_ENCODING);
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return sent;
        }
        if (encoding.equalsIgnoreCase("gzip")) {
            return new LimitedInputStream(
                    new GZIPInputStream(sent, 64 * 1024), maxBytes, "decompressed body");
        }
        sent.close();
        throw new ProblemException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Encoding must be gzip or identity, not '" + encoding + "'");
    }
}
