package io.useranalytics.record;

/** The rule ids share: not empty, at most a maximum length, no control characters. */
final class IdentifierText {
    private IdentifierText() {}

    static String check(String parameter, String value, int maxLength) {
        if (value.isEmpty()) {
            throw new InvalidInputException(parameter, parameter + " is empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(
                    parameter,
                    parameter
                            + " is "
                            + value.length()
                            + " characters long; the maximum is "
                            + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInputException(
                        parameter, parameter + " contains a control character");
            }
        }
        return value;
    }
}
