package io.useranalytics.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README stays short and true: docs/configuration.md documents exactly the variables the code
 * reads, .ci/run runs the README's test command, and every relative link in the docs resolves.
 */
class ReadmeTest {
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|");
    private static final Pattern FENCE = Pattern.compile("(?s)```[a-z]*\\n(.*?)```");

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#:]+)\\)");
    private static final List<Path> DOCS =
            List.of(
                    Path.of("..", "README.md"),
                    Path.of("..", "docs", "api.md"),
                    Path.of("..", "docs", "architecture.md"),
                    Path.of("..", "docs", "configuration.md"),
                    Path.of("..", "docs", "operations.md"),
                    Path.of("..", "bench", "README.md"));

    private final String readme = read(Path.of("..", "README.md"));
    private final String configuration = read(Path.of("..", "docs", "configuration.md"));

    @Test
    void the_configuration_table_lists_every_variable_the_code_reads_and_no_other() {
        Set<String> documented = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(configuration);
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

    @Test
    void the_readme_is_at_most_250_lines_for_a_newcomer() {
        assertThat(readme.lines().count()).isLessThanOrEqualTo(250);
    }

    @Test
    void every_relative_link_in_the_docs_points_at_a_file_that_exists() {
        List<String> broken = new ArrayList<>();
        for (Path doc : DOCS) {
            Matcher link = LINK.matcher(read(doc));
            while (link.find()) {
                Path target = doc.getParent().resolve(link.group(1));
                if (!Files.exists(target)) {
                    broken.add(doc + " -> " + link.group(1));
                }
            }
        }

        assertThat(broken).isEmpty();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
