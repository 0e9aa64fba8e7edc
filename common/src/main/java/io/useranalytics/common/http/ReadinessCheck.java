package io.useranalytics.common.http;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/** Something a service needs to do its work, e.g. {@code kafka}, and how to tell it answers. */
public record ReadinessCheck(String name, BooleanSupplier reachable) {
    public ReadinessCheck {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(reachable, "reachable == null");
    }
}
