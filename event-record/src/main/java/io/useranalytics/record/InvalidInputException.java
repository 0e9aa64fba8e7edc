package io.useranalytics.record;

import java.util.Objects;

/** Input that breaks a rule of the contract; names the parameter and says why. */
public final class InvalidInputException extends RuntimeException {
    private final String parameter;

    public InvalidInputException(String parameter, String reason) {
        super(Objects.requireNonNull(reason, "reason == null"));
        this.parameter = Objects.requireNonNull(parameter, "parameter == null");
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return getMessage();
    }
}
