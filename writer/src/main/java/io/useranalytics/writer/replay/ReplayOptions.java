package io.useranalytics.writer.replay;

import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The replay's command line, parsed by picocli's programmatic API. */
record ReplayOptions(String name, ReplayFilter filter, boolean help) {
    static final String DEFAULT_NAME = "all";

    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name("java -jar writer.jar replay");
        spec.usageMessage()
                .description(
                        "Sends dead-lettered records (KAFKA_DLQ_TOPIC) back to the event topic"
                                + " (KAFKA_TOPIC) after a fix, each exactly once per replay name."
                                + " Kafka settings come from the same variables as the writer's.");
        spec.addOption(
                OptionSpec.builder("--name")
                        .paramLabel("NAME")
                        .type(String.class)
                        .defaultValue(DEFAULT_NAME)
                        .description(
                                "the replay's name: a second run of a name goes on where the first"
                                        + " stopped, never replaying a record twice; give another"
                                        + " name to replay records an earlier run left"
                                        + " (default: ${DEFAULT-VALUE})")
                        .build());
        spec.addOption(
                OptionSpec.builder("--reason")
                        .paramLabel("TEXT")
                        .type(String.class)
                        .description("only records whose dead-letter reason contains this text")
                        .build());
        spec.addOption(
                OptionSpec.builder("--partition")
                        .paramLabel("N")
                        .type(Integer.class)
                        .description("only records of this dead-letter topic partition")
                        .build());
        spec.addOption(
                OptionSpec.builder("--from-offset")
                        .paramLabel("OFFSET")
                        .type(Long.class)
                        .description("only records at this dead-letter offset or after")
                        .build());
        spec.addOption(
                OptionSpec.builder("--to-offset")
                        .paramLabel("OFFSET")
                        .type(Long.class)
                        .description("only records before this dead-letter offset")
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
    static ReplayOptions parse(CommandLine commandLine, String... args) {
        ParseResult parsed = commandLine.parseArgs(args);
        String name = parsed.matchedOptionValue("--name", DEFAULT_NAME);
        if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    "--name '" + name + "' is not 1 to 100 letters, digits, '.', '_' or '-'");
        }
        Integer partition = parsed.matchedOptionValue("--partition", null);
        long from = parsed.matchedOptionValue("--from-offset", 0L);
        long to = parsed.matchedOptionValue("--to-offset", Long.MAX_VALUE);
        if ((partition != null && partition < 0) || from < 0 || to <= from) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    "--partition and --from-offset must not be negative, and --to-offset must be"
                            + " greater than --from-offset");
        }
        return new ReplayOptions(
                name,
                new ReplayFilter(
                        Optional.ofNullable(parsed.<String>matchedOptionValue("--reason", null)),
                        partition == null ? OptionalInt.empty() : OptionalInt.of(partition),
                        from,
                        to),
                parsed.isUsageHelpRequested());
    }
}
