package io.useranalytics.common.event;

/** The rule for a user id: 1 to {@value #MAX_LENGTH} characters, no control characters. */
public final class UserIds {
    public static final int MAX_LENGTH = 256;
    private static final String PARAMETER = "user";

    private UserIds() {}

    public static String check(String user) {
        if (user.isEmpty()) {
            throw new InvalidInputException(PARAMETER, "user is empty");
        }
        if (user.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    PARAMETER,
                    "user is " + user.length() + " characters long; the maximum is " + MAX_LENGTH);
        }
        if (user.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(PARAMETER, "user contains a control character");
        }
        return user;
    }
}
