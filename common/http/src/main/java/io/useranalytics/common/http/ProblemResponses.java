package io.useranalytics.common.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.useranalytics.record.InvalidInputException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure a handler throws to an RFC 9457 {@code application/problem+json} answer:
 * invalid input 400, Javalin's own statuses (404, 405, 413...) and {@link ProblemException}s as
 * they are, an unavailable dependency 503 with Retry-After, anything else 500 with the stack trace
 * in the log only.
 */
public final class ProblemResponses {
    public static final String CONTENT_TYPE = "application/problem+json;charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final ProblemJson json = new ProblemJson();

    private ProblemResponses() {}

    public static void install(RoutesConfig routes) {
        ProblemResponses responses = new ProblemResponses();
        routes.exception(InvalidInputException.class, responses::invalidInput);
        routes.exception(HttpResponseException.class, responses::httpResponse);
        routes.exception(ServiceUnavailableException.class, responses::unavailable);
        routes.exception(ProblemException.class, responses::problem);
        routes.exception(Exception.class, responses::unexpected);
    }

    private void invalidInput(InvalidInputException e, Context ctx) {
        send(ctx, HttpStatus.BAD_REQUEST, e.reason(), Optional.of(e.parameter()));
    }

    private void httpResponse(HttpResponseException e, Context ctx) {
        HttpStatus status = HttpStatus.forStatus(e.getStatus());
        String detail =
                e.getMessage() == null || e.getMessage().isBlank()
                        ? status.getMessage()
                        : e.getMessage();
        send(ctx, status, detail, Optional.empty());
    }

    private void problem(ProblemException e, Context ctx) {
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        send(ctx, e.status(), e.getMessage(), Optional.empty(), e.extensions());
    }

    private void unavailable(ServiceUnavailableException e, Context ctx) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        ctx.header("Retry-After", Long.toString(seconds));
        send(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), Optional.empty());
    }

    private void unexpected(Exception e, Context ctx) {
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        send(
                ctx,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal error; see the service log",
                Optional.empty());
    }

    private void send(Context ctx, HttpStatus status, String detail, Optional<String> parameter) {
        send(ctx, status, detail, parameter, Map.of());
    }

    private void send(
            Context ctx,
            HttpStatus status,
            String detail,
            Optional<String> parameter,
            Map<String, Object> extensions) {
        Problem problem =
                new Problem(
                        "about:blank",
                        status.getMessage(),
                        status.getCode(),
                        detail,
                        ctx.path(),
                        parameter);
        ctx.status(status).contentType(CONTENT_TYPE).result(json.encode(problem, extensions));
    }
}
