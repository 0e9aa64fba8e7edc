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
        int storageEventsPerHour,
        int storageUsers,
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
                        .description("every scenario small: about four minutes")
                        .build());
        spec.addOption(
                OptionSpec.builder("--storage-only")
                        .description(
                                "only scenario 8 (storage), e.g. against a TimescaleDB server;"
                                        + " its report is not a full run's")
                        .build());
        spec.addOption(
                OptionSpec.builder("--storage-events-per-hour")
                        .type(Integer.class)
                        .paramLabel("N")
                        .description(
                                "with --storage-only: the simulated day's events per hour (default:"
                                        + " 500,000; the mission's load is 10,000,000)")
                        .build());
        spec.addOption(
                OptionSpec.builder("--storage-users")
                        .type(Integer.class)
                        .paramLabel("N")
                        .description(
                                "with --storage-only: the simulated day's users (default:"
                                        + " 1,000,000)")
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
        boolean storageOnly = parsed.hasMatchedOption("--storage-only");
        return new BenchOptions(
                parsed.hasMatchedOption("--quick"),
                storageOnly,
                storageSize(commandLine, parsed, "--storage-events-per-hour", storageOnly),
                storageSize(commandLine, parsed, "--storage-users", storageOnly),
                parsed.matchedOptionValue("--results", Path.of("bench/results")),
                parsed.matchedOptionValue("--database-url", DEFAULT_DATABASE_URL),
                parsed.matchedOptionValue("--database-user", "postgres"),
                parsed.isUsageHelpRequested());
    }

    /** A storage size given on the command line, or 0 for the bench size's own. */
    private static int storageSize(
            CommandLine commandLine, ParseResult parsed, String option, boolean storageOnly) {
        if (!parsed.hasMatchedOption(option)) {
            return 0;
        }
        int value = parsed.matchedOptionValue(option, 0);
        if (!storageOnly) {
            throw new CommandLine.ParameterException(
                    commandLine, option + " is for scenario 8 alone: add --storage-only");
        }
        if (value < 2) {
            throw new CommandLine.ParameterException(
                    commandLine, option + " must be at least 2, not " + value);
        }
        return value;
    }
}
