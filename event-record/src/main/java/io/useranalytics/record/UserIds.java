package io.useranalytics.record;

/**
 * The rule for a user id: 1 to {@value #MAX_LENGTH} characters (code points), no control
 * characters, no lone surrogates.
 */
public final class UserIds {
    public static final int MAX_LENGTH = 256;

    private UserIds() {}

    public static String check(String user) {
        return check(user, MAX_LENGTH);
    }

    /** The rule with a lower maximum, as an ingest service may set; never above the contract's. */
    public static String check(String user, int maxLength) {
        return IdentifierText.check("user", user, Math.min(maxLength, MAX_LENGTH));
    }
}
