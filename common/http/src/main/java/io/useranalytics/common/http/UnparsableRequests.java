package io.useranalytics.common.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what Jetty refuses before any route sees it (a broken request line, headers too large, a
 * declared body over the limit) as problem+json instead of Jetty's HTML page. A request line
 * without an HTTP version is what Jetty takes for HTTP/0.9 and answers 505; here it is the
 * malformed request it is, a 400. A 500 of a request that a stopping server's handlers cut short is
 * the 503 it is: nothing of it was done.
 */
final class UnparsableRequests extends ErrorHandler {
    private final ProblemJson json = new ProblemJson();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String detail = String.valueOf(request.getAttribute(ERROR_MESSAGE));
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            status = HttpStatus.BAD_REQUEST_400;
            detail = "the request line has no HTTP version; this server speaks HTTP/1.1";
        }
        if (status == HttpStatus.INTERNAL_SERVER_ERROR_500 && isStopping(request)) {
            // A request caught by a handler that stopped under it: nothing of it was done.
            status = HttpStatus.SERVICE_UNAVAILABLE_503;
            detail = "the service is shutting down; retry shortly";
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        Problem problem =
                new Problem(
                        "about:blank",
                        HttpStatus.getMessage(status),
                        status,
                        detail,
                        pathOf(request),
                        Optional.empty());
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        byte[] body = json.encode(problem, Map.of()).getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static boolean isStopping(Request request) {
        Server server = request.getConnectionMetaData().getConnector().getServer();
        return server.isStopping() || server.isStopped();
    }

    /** The path if Jetty got that far in the request line, else empty. */
    private static String pathOf(Request request) {
        return Optional.ofNullable(request.getHttpURI()).map(uri -> uri.getPath()).orElse("");
    }
}
