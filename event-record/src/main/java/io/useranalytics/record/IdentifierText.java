package io.useranalytics.record;

/**
 * The rule ids share: not empty, at most a maximum number of characters (Unicode code points, what
 * a user sees), no control characters, and no lone UTF-16 surrogate (it has no UTF-8 form, so it
 * could not be stored as sent).
 */
final class IdentifierText {
    private IdentifierText() {}

    static String check(String parameter, String value, int maxLength) {
        if (value.isEmpty()) {
            throw new InvalidInputException(parameter, parameter + " is empty");
        }
        int codePoints = 0;
        for (int i = 0; i < value.length(); i++, codePoints++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c)
                        || i + 1 == value.length()
                        || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw loneSurrogate(parameter, c, i);
                }
                i++;
            } else if (Character.isISOControl(c)) {
                throw new InvalidInputException(
                        parameter, parameter + " contains a control character");
            }
        }
        requireAtMost(parameter, codePoints, maxLength);
        return value;
    }

    /** Counts the code points of a value that follows the rule: at most {@code maxLength}. */
    static void requireAtMost(String parameter, String value, int maxLength) {
        if (value.length() > maxLength) {
            requireAtMost(parameter, value.codePointCount(0, value.length()), maxLength);
        }
    }

    private static void requireAtMost(String parameter, int codePoints, int maxLength) {
        if (codePoints > maxLength) {
            throw new InvalidInputException(
                    parameter,
                    parameter
                            + " is "
                            + codePoints
                            + " characters long; the maximum is "
                            + maxLength);
        }
    }

    private static InvalidInputException loneSurrogate(String parameter, char c, int index) {
        return new InvalidInputException(
                parameter,
                String.format(
                        "%s has a lone UTF-16 surrogate \\u%04X at character %d: not Unicode"
                                + " text, so it cannot be stored as sent",
                        parameter, (int) c, index + 1));
    }
}
