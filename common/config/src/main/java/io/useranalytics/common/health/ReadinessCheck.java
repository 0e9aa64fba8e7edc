package io.useranalytics.common.health;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Something a service needs to do its work, e.g. {@code kafka}, and what stops it now, if anything:
 * {@code blocker} answers empty when all is well, else a short sentence for the 503; {@code status}
 * is what the 200 says of it ({@code ok}, or e.g. how far a standby is behind).
 */
public record ReadinessCheck(
        String name, Supplier<Optional<String>> blocker, Supplier<String> status) {
    public ReadinessCheck {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(blocker, "blocker == null");
        Objects.requireNonNull(status, "status == null");
    }

    /** A check whose 200 says {@code ok}. */
    public ReadinessCheck(String name, Supplier<Optional<String>> blocker) {
        this(name, blocker, () -> "ok");
    }

    /** A dependency that answers or does not: "cannot reach {@code name}" when it does not. */
    public static ReadinessCheck reachability(String name, BooleanSupplier reachable) {
        return new ReadinessCheck(
                name,
                () ->
                        reachable.getAsBoolean()
                                ? Optional.empty()
                                : Optional.of("cannot reach " + name));
    }
}
