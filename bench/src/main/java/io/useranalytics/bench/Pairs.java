package io.useranalytics.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A subject measured against its ceiling as {@link #COUNT} alternating pairs in one run (ceiling,
 * subject, ceiling, subject, ...): on shared cores one pair is not a verdict, so a ratio's verdict
 * is the median of the pairs' ratios, and the report shows every pair.
 */
record Pairs<C, S>(List<C> ceilings, List<S> subjects) {
    static final int COUNT = 3;

    /** One measurement; {@code pair} counts from 1. */
    interface Measurement<T> {
        T measure(int pair) throws Exception;
    }

    Pairs {
        ceilings = List.copyOf(ceilings);
        subjects = List.copyOf(subjects);
        if (ceilings.size() != subjects.size() || ceilings.isEmpty()) {
            throw new IllegalArgumentException(
                    ceilings.size() + " ceilings for " + subjects.size() + " subjects");
        }
    }

    static <C, S> Pairs<C, S> measure(Measurement<C> ceiling, Measurement<S> subject)
            throws Exception {
        List<C> ceilings = new ArrayList<>();
        List<S> subjects = new ArrayList<>();
        for (int pair = 1; pair <= COUNT; pair++) {
            ceilings.add(ceiling.measure(pair));
            subjects.add(subject.measure(pair));
        }
        return new Pairs<>(ceilings, subjects);
    }

    /** Each pair's subject figure over a figure of its ceiling. */
    Ratios ratios(ToDoubleFunction<S> subjectFigure, ToDoubleFunction<C> ceilingFigure) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            values.add(
                    subjectFigure.applyAsDouble(subjects.get(i))
                            / ceilingFigure.applyAsDouble(ceilings.get(i)));
        }
        return new Ratios(values);
    }

    C ceiling(int index) {
        return ceilings.get(index);
    }

    S subject(int index) {
        return subjects.get(index);
    }

    int count() {
        return subjects.size();
    }
}
