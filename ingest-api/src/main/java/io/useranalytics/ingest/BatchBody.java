package io.useranalytics.ingest;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.useranalytics.common.event.EventJson;
import io.useranalytics.common.event.InvalidInputException;
import io.useranalytics.common.http.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads a batch request body as a stream: NDJSON or a JSON array by Content-Type, gzip-decoded when
 * Content-Encoding says so, and never more than {@code maxBytes} as sent or as decoded.
 */
final class BatchBody {
    static final String NDJSON = "application/x-ndjson";

    private final long maxBytes;

    BatchBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void read(Context ctx, BatchItems.Receiver receiver) {
        BatchItems format = format(ctx.header(Header.CONTENT_TYPE));
        long declared = ctx.contentLength();
        if (declared > maxBytes) {
            throw LimitedInputStream.tooLarge("body of " + declared + " bytes", maxBytes);
        }
        try (InputStream body = decoded(ctx)) {
            format.read(body, receiver);
        } catch (IOException e) {
            throw new InvalidInputException(
                    "body",
                    "body could not be read: " + e.getMessage() + "; nothing was published");
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
