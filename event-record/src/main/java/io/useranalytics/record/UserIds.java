package io.useranalytics.record;

/**
 * The rule for a user id: 1 to {@value #MAX_LENGTH} characters (code points), no control
 * characters, no lone surrogates.
 */
public final class UserIds {
    public static final int MAX_LENGTH = 256;

    private UserIds() {}

    public static String check(String user) {
        return IdentifierText.check("user", user, MAX_LENGTH);
    }

    /**
     * A user id that follows the rule (an {@link Event}'s) held to a lower maximum, as an ingest
     * service may set; only its length is counted again.
     */
    public static String requireAtMost(String user, int maxLength) {
        IdentifierText.requireAtMost("user", user, maxLength);
        return user;
    }
}
