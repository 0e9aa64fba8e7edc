package io.useranalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README.md documents exactly the variables the code reads, and .ci/run runs its test command. */
class ReadmeTest {
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|");
    private static final Pattern FENCE = Pattern.compile("(?s)```[a-z]*\\n(.*?)```");

    private final String readme = read(Path.of("..", "README.md"));

    @Test
    void the_configuration_table_lists_every_variable_the_code_reads_and_no_other() {
        Set<String> documented = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(readme);
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertThat(documented).isEqualTo(ConfigVariables.all());
    }

    @Test
    void ci_runs_the_readmes_test_command_which_is_the_second_block_of_the_quick_start() {
        String quickStart = readme.substring(readme.indexOf("## Quick start"));
        Matcher fence = FENCE.matcher(quickStart);
        fence.find();
        String runCommand = fence.group(1).strip();
        fence.find();
        String testCommand = fence.group(1).strip();

        assertThat(runCommand).contains("user-analytics.jar");
        assertThat(read(Path.of("..", ".ci", "run"))).contains(testCommand);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
