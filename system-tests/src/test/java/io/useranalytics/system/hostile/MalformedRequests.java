package io.useranalytics.system.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Random requests, most of them broken: bad parameters and encodings, invalid UTF-8, huge headers
 * and paths, wrong methods, garbage and gzip-lying bodies. Reproducible from the seed.
 */
final class MalformedRequests {
    private static final List<String> METHODS =
            List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FROB");
    private static final List<String> PATHS =
            List.of(
                    "/analytics",
                    "/analytics/batch",
                    "/analytics/series",
                    "/health/ready",
                    "/metrics",
                    "/openapi.json",
                    "/analytics/../metrics",
                    "/%00",
                    "/analytics%2Fbatch",
                    "//analytics",
                    "/nope");
    private static final List<String> NAMES =
            List.of("timestamp", "user", "event", "id", "window", "from", "to", "step", "x", "");
    private static final List<String> VALUES =
            List.of(
                    "1224567997",
                    "1224567997000",
                    "-1",
                    "99999999999999999999999",
                    "2008-10-21T05:46:37Z",
                    "2008-13-45T99:99:99Z",
                    "click",
                    "impression",
                    "1h",
                    "hour",
                    "%C3%28",
                    "%FF%FE",
                    "%",
                    "%zz",
                    "%00",
                    "+++",
                    "\u00fc",
                    "null",
                    "");
    private static final List<String> CONTENT_TYPES =
            List.of(
                    "application/x-ndjson",
                    "application/json",
                    "text/plain",
                    "application/json; charset=utf-16",
                    "multipart/form-data; boundary=x",
                    "");

    private final Random random;

    MalformedRequests(long seed) {
        this.random = new Random(seed);
    }

    byte[] next() {
        int kind = random.nextInt(10);
        return switch (kind) {
            case 0 -> hugeHeader();
            case 1 -> rawInvalidUtf8();
            case 2 -> garbage();
            case 3 -> longPath();
            default -> request();
        };
    }

    private byte[] request() {
        String method = pick(METHODS);
        String head = method + " " + pick(PATHS) + query() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        byte[] body = random.nextBoolean() ? body() : new byte[0];
        StringBuilder headers = new StringBuilder(head);
        if (random.nextBoolean()) {
            headers.append("Content-Type: ").append(pick(CONTENT_TYPES)).append("\r\n");
        }
        if (random.nextInt(4) == 0) {
            headers.append("Content-Encoding: ")
                    .append(random.nextBoolean() ? "gzip" : "br")
                    .append("\r\n");
        }
        if (random.nextInt(4) == 0) {
            headers.append("Accept: application/json\r\n");
        }
        if (random.nextInt(6) == 0) {
            headers.append("Authorization: Bearer ").append(pick(VALUES)).append("\r\n");
        }
        headers.append("Content-Length: ").append(body.length).append("\r\n");
        headers.append("Connection: close\r\n\r\n");
        return concat(headers.toString().getBytes(StandardCharsets.UTF_8), body);
    }

    private String query() {
        int count = random.nextInt(6);
        StringBuilder query = new StringBuilder(count == 0 ? "" : "?");
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append(pick(NAMES));
            if (random.nextInt(5) > 0) {
                query.append('=').append(pick(VALUES).replace(" ", "%20"));
            }
        }
        return query.toString();
    }

    private byte[] body() {
        return switch (random.nextInt(5)) {
            case 0 -> randomBytes(random.nextInt(2_000));
            case 1 ->
                    "{\"timestamp\":\"x\",\"user\":[1],\"event\":{}}\n\n{"
                            .getBytes(StandardCharsets.UTF_8);
            case 2 ->
                    ("[{\"timestamp\":1224567997,\"user\":\"fuzz\",\"event\":\"click\"},"
                                    + pick(VALUES))
                            .getBytes(StandardCharsets.UTF_8);
            case 3 -> new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
            default ->
                    "{\"timestamp\":1224567997,\"user\":\"fuzz\",\"event\":\"click\",\"id\":\"f\"}"
                            .getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] hugeHeader() {
        String value = "v".repeat(8_000 + random.nextInt(64_000));
        return ("GET /analytics?timestamp=1 HTTP/1.1\r\nHost: x\r\nX-Big: "
                        + value
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] rawInvalidUtf8() {
        byte[] start = "POST /analytics?user=".getBytes(StandardCharsets.US_ASCII);
        byte[] end =
                "&event=click&timestamp=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII);
        return concat(concat(start, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}), end);
    }

    private byte[] garbage() {
        return concat(
                randomBytes(1 + random.nextInt(500)),
                "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] longPath() {
        return ("GET /analytics?timestamp="
                        + "9".repeat(20_000 + random.nextInt(50_000))
                        + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
