package io.useranalytics.common.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.useranalytics.common.config.Env;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * API keys that guard a set of routes: {@code Authorization: Bearer <key>}, else 401. Keys are
 * compared as SHA-256 digests with a constant-time compare, so neither a key's content nor its
 * length leaks through timing; with no keys configured, every request passes.
 */
public final class ApiKeys {
    private final String variable;
    private final List<byte[]> digests;

    private ApiKeys(String variable, List<byte[]> digests) {
        this.variable = variable;
        this.digests = digests;
    }

    /** Keys need at least this many characters: a short key is guessable. */
    public static final int MIN_LENGTH = 16;

    /** The keys in {@code variable}, comma-separated; none means auth is off. */
    public static ApiKeys from(Env env, String variable) {
        return of(variable, env.secrets(variable, MIN_LENGTH));
    }

    public static ApiKeys of(String variable, List<String> keys) {
        Objects.requireNonNull(variable, "variable == null");
        return new ApiKeys(variable, keys.stream().map(ApiKeys::digest).toList());
    }

    public boolean isEnabled() {
        return !digests.isEmpty();
    }

    /** {@code handler}, reached only with a valid key when keys are configured. */
    public Handler protect(Handler handler) {
        Objects.requireNonNull(handler, "handler == null");
        if (!isEnabled()) {
            return handler;
        }
        return ctx -> {
            check(ctx);
            handler.handle(ctx);
        };
    }

    private void check(Context ctx) {
        String authorization = ctx.header(Header.AUTHORIZATION);
        String prefix = "Bearer ";
        if (authorization == null
                || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw unauthorized("this route needs an API key: send Authorization: Bearer <key>");
        }
        byte[] given = digest(authorization.substring(prefix.length()).trim());
        boolean known = false;
        for (byte[] key : digests) {
            known |= MessageDigest.isEqual(key, given);
        }
        if (!known) {
            throw unauthorized("the API key is not one of " + variable);
        }
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, detail);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Says how many keys there are, never what they are. */
    @Override
    public String toString() {
        return isEnabled() ? digests.size() + " API key(s) from " + variable : "auth off";
    }
}
