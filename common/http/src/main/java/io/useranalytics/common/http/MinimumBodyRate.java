package io.useranalytics.common.http;

import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Cuts a request whose body arrives slower than a minimum average rate: when the request asks for
 * more of its body and the bytes so far, over the time since it first asked, are below the rate,
 * the next read fails with a {@link TimeoutException} (the service answers 408). Jetty 12.1.12's
 * MinimumDataRateHandler does this with the bytes all requests have read since the server started,
 * so after the first large body no request is ever cut; this counts each request's own.
 */
final class MinimumBodyRate extends Handler.Wrapper {
    private final long bytesPerSecond;

    MinimumBodyRate(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(new RateCheckedRequest(request), response, callback);
    }

    /** One request's body as it arrives; Jetty calls read and demand one at a time. */
    private final class RateCheckedRequest extends Request.Wrapper {
        private long firstDemand;
        private long bytesRead;
        private Content.Chunk tooSlow;

        RateCheckedRequest(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            if (tooSlow != null) {
                return tooSlow;
            }
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                bytesRead += chunk.remaining();
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            long now = NanoTime.now();
            if (firstDemand == 0) {
                firstDemand = now == 0 ? 1 : now;
            } else if (bytesRead > 0 && isBelowRate(now)) {
                tooSlow =
                        Content.Chunk.from(
                                new TimeoutException(
                                        "the body arrived slower than "
                                                + bytesPerSecond
                                                + " bytes a second"),
                                true);
                demandCallback.run();
                return;
            }
            super.demand(demandCallback);
        }

        private boolean isBelowRate(long now) {
            long elapsed = Math.max(1, NanoTime.elapsed(firstDemand, now));
            return bytesRead * 1_000_000_000L / elapsed < bytesPerSecond;
        }
    }
}
