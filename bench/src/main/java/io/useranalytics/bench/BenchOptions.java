package io.useranalytics.bench;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The bench's command line, parsed by picocli's programmatic API. */
record BenchOptions(
        boolean quick,
        boolean storageOnly,
        Path results,
        String databaseUrl,
        String databaseUser,
        boolean help) {
    static final String DEFAULT_DATABASE_URL =
            "jdbc:postgresql://127.0.0.1:5432/user_analytics_bench";

    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name("bench");
        spec.usageMessage()
                .description(
                        "Measures ingest, writer, freshness, query and memory against ceilings measured in"
                                + " the same run; writes latest.md and latest.json.");
        spec.addOption(
                OptionSpec.builder("--quick")
                        .description("every scenario small: under 2 minutes")
                        .build());
        spec.addOption(
                OptionSpec.builder("--storage-only")
                        .description(
                                "only scenario 8 (storage), e.g. against a TimescaleDB server;"
                                        + " its report is not a full run's")
                        .build());
        spec.addOption(
                OptionSpec.builder("--results")
                        .type(Path.class)
                        .defaultValue("bench/results")
                        .description(
                                "folder for latest.md and latest.json (default: ${DEFAULT-VALUE})")
                        .build());
        spec.addOption(
                OptionSpec.builder("--database-url")
                        .type(String.class)
                        .defaultValue(DEFAULT_DATABASE_URL)
                        .description(
                                "PostgreSQL database of the bench's own, created if missing (default: ${DEFAULT-VALUE})")
                        .build());
        spec.addOption(
                OptionSpec.builder("--database-user")
                        .type(String.class)
                        .defaultValue("postgres")
                        .build());
        spec.addOption(
                OptionSpec.builder("-h", "--help")
                        .usageHelp(true)
                        .description("show this help")
                        .build());
        return new CommandLine(spec);
    }

    /**
     * @throws CommandLine.ParameterException for a bad command line, with a message saying why
     */
    static BenchOptions parse(CommandLine commandLine, String... args) {
        ParseResult parsed = commandLine.parseArgs(args);
        return new BenchOptions(
                parsed.hasMatchedOption("--quick"),
                parsed.hasMatchedOption("--storage-only"),
                parsed.matchedOptionValue("--results", Path.of("bench/results")),
                parsed.matchedOptionValue("--database-url", DEFAULT_DATABASE_URL),
                parsed.matchedOptionValue("--database-user", "postgres"),
                parsed.isUsageHelpRequested());
    }
}
