package io.useranalytics.common.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers 413 to a request whose Content-Length is over the limit before anything waits for its
 * body, which may never come (a Content-Length of 10^12 with 3 bytes sent waited 30 s); the
 * connection is closed rather than read. A body sent without a length is counted as it is read.
 */
final class DeclaredBodyLimit extends Handler.Wrapper {
    private final BodyLimit limit;

    DeclaredBodyLimit(BodyLimit limit) {
        this.limit = limit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > limit.bytes()) {
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "body of "
                            + declared
                            + " bytes is larger than "
                            + limit.bytes()
                            + " bytes ("
                            + limit.setting()
                            + "); nothing was read");
            return true;
        }
        return super.handle(request, response, callback);
    }
}
