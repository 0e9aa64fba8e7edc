package io.useranalytics.common.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads settings from environment variables with defaults, collecting every problem so that
 * start-up can name all bad variables in one message. Not thread-safe: read once, on one thread.
 */
public final class Env {
    private final Map<String, String> variables;
    private final Set<String> namesRead = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();

    public Env(Map<String, String> variables) {
        this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables == null"));
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** A copy with one variable set, e.g. the address of an embedded broker. */
    public Env with(String name, String value) {
        Map<String, String> copy = new HashMap<>(variables);
        copy.put(name, value);
        return new Env(copy);
    }

    /** A copy with {@code name} set to {@code value} unless it is set already. */
    public Env withDefault(String name, String value) {
        String given = variables.get(name);
        return given == null || given.isBlank() ? with(name, value) : this;
    }

    public String string(String name, String defaultValue) {
        namesRead.add(name);
        String value = variables.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /** A string that must match {@code pattern}; {@code rule} says in words what it must be. */
    public String matching(String name, String defaultValue, Pattern pattern, String rule) {
        String value = string(name, defaultValue);
        if (!pattern.matcher(value).matches()) {
            problems.add(name + " '" + value + "' is not " + rule);
            return defaultValue;
        }
        return value;
    }

    /** A string with no default: a missing one is a problem. */
    public String required(String name) {
        String value = string(name, "");
        if (value.isEmpty()) {
            problems.add(name + " is not set");
        }
        return value;
    }

    /**
     * Comma-separated secrets, e.g. API keys; each must have {@code minLength} characters. A
     * problem names the variable and the position of the bad entry, never its value.
     */
    public List<String> secrets(String name, int minLength) {
        List<String> secrets = new ArrayList<>();
        String[] entries = string(name, "").split(",");
        for (int i = 0; i < entries.length; i++) {
            String secret = entries[i].trim();
            if (secret.isEmpty()) {
                continue;
            }
            if (secret.length() < minLength || secret.chars().anyMatch(Character::isWhitespace)) {
                problems.add(
                        name
                                + " entry "
                                + (i + 1)
                                + " is not a key of at least "
                                + minLength
                                + " characters without spaces");
            } else {
                secrets.add(secret);
            }
        }
        return List.copyOf(secrets);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String text = string(name, Integer.toString(defaultValue));
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the other problems
        }
        problems.add(name + " '" + text + "' is not a whole number from " + min + " to " + max);
        return defaultValue;
    }

    public int port(String name, int defaultValue) {
        return integer(name, defaultValue, 0, 65535);
    }

    public Duration millis(String name, Duration defaultValue, Duration min, Duration max) {
        int millis =
                integer(
                        name,
                        (int) defaultValue.toMillis(),
                        (int) min.toMillis(),
                        (int) Math.min(Integer.MAX_VALUE, max.toMillis()));
        return Duration.ofMillis(millis);
    }

    /** Whether {@code name} is set to something other than blanks; counts as reading it. */
    public boolean isSet(String name) {
        return !string(name, "").isEmpty();
    }

    /**
     * A problem that no single variable's rule can see, e.g. two settings that contradict each
     * other; reported with the others.
     */
    public void reject(String problem) {
        problems.add(Objects.requireNonNull(problem, "problem == null"));
    }

    /** Every name asked for so far, whether set or defaulted. */
    public Set<String> namesRead() {
        return Set.copyOf(namesRead);
    }

    /** Throws one exception naming every bad or missing variable read so far. */
    public void requireValid() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(List.copyOf(problems));
        }
    }
}
