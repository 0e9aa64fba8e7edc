package io.useranalytics.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One scenario's table, its targets met or not, and notes; or why it did not run. */
record ScenarioResult(
        String title,
        List<String> columns,
        List<List<String>> rows,
        List<Target> targets,
        List<String> notes) {

    /** A target of the issue, what was measured for it, and whether it was met. */
    record Target(String goal, String measured, boolean met) {}

    ScenarioResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
    }

    /** This result with a last note saying how long its scenario took. */
    ScenarioResult took(Duration duration) {
        List<String> withTime = new ArrayList<>(notes);
        withTime.add(
                String.format("The scenario took %.1f minutes.", duration.toMillis() / 60_000.0));
        return new ScenarioResult(title, columns, rows, targets, withTime);
    }

    static ScenarioResult notRun(String title, String why) {
        return new ScenarioResult(
                title, List.of(), List.of(), List.of(), List.of("Not run: " + why));
    }

    /** Builds a result row by row. */
    static final class Builder {
        private final String title;
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();
        private final List<Target> targets = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Builder(String title, String... columns) {
            this.title = title;
            this.columns = List.of(columns);
        }

        Builder row(Object... cells) {
            rows.add(java.util.Arrays.stream(cells).map(String::valueOf).toList());
            return this;
        }

        Builder target(String goal, String measured, boolean met) {
            targets.add(new Target(goal, measured, met));
            return this;
        }

        Builder note(String note) {
            notes.add(note);
            return this;
        }

        ScenarioResult build() {
            return new ScenarioResult(title, columns, rows, targets, notes);
        }
    }

    static String f(double value) {
        return value >= 100 ? String.format("%,.0f", value) : String.format("%.2f", value);
    }
}
