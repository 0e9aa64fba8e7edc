package io.useranalytics.record;

/**
 * The rule for a client event id (a UUID, say): 1 to {@value #MAX_LENGTH} characters (code points),
 * no control characters, no lone surrogates.
 */
public final class EventIds {
    public static final int MAX_LENGTH = 128;

    private EventIds() {}

    public static String check(String id) {
        return IdentifierText.check("id", id, MAX_LENGTH);
    }
}
