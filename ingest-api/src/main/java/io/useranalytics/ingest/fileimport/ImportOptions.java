package io.useranalytics.ingest.fileimport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** The import's command line, parsed by picocli's programmatic API. */
record ImportOptions(List<EventFile> files, boolean skipBad, boolean help) {
    ImportOptions {
        files = List.copyOf(files);
    }

    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name("java -jar ingest-api.jar import");
        spec.usageMessage()
                .description(
                        "Publishes files of historic events to the event topic (KAFKA_TOPIC),"
                                + " each line checked by the API's rules first (TIMESTAMP_*,"
                                + " INGEST_MAX_USER_LENGTH). NDJSON: one event per line, as POST"
                                + " /analytics/batch takes. CSV: a header row naming the fields"
                                + " (timestamp or timestamp_ms, user, event, optional id).");
        spec.addOption(
                OptionSpec.builder("--format")
                        .paramLabel("FORMAT")
                        .type(String.class)
                        .description(
                                "ndjson or csv (default: by each file's extension, .csv or not)")
                        .build());
        spec.addOption(
                OptionSpec.builder("--skip-bad")
                        .description(
                                "publish the valid events even if some lines are bad (by default a"
                                        + " bad line publishes nothing)")
                        .build());
        spec.addOption(
                OptionSpec.builder("-h", "--help")
                        .usageHelp(true)
                        .description("show this help")
                        .build());
        spec.addPositional(
                PositionalParamSpec.builder()
                        .paramLabel("FILE")
                        .arity("0..*")
                        .type(List.class)
                        .auxiliaryTypes(Path.class)
                        .description("the files, imported in the order given")
                        .build());
        return new CommandLine(spec);
    }

    /**
     * @throws CommandLine.ParameterException for a bad command line, with a message saying why
     */
    static ImportOptions parse(CommandLine commandLine, String... args) {
        ParseResult parsed = commandLine.parseArgs(args);
        if (parsed.isUsageHelpRequested()) {
            return new ImportOptions(List.of(), false, true);
        }
        String format = parsed.matchedOptionValue("--format", "");
        List<Path> paths =
                parsed.hasMatchedPositional(0) ? parsed.matchedPositional(0).getValue() : List.of();
        if (paths.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine, "no FILE given");
        }
        List<EventFile> files = new ArrayList<>();
        for (Path path : paths) {
            files.add(new EventFile(path, format(commandLine, format, path)));
        }
        return new ImportOptions(files, parsed.hasMatchedOption("--skip-bad"), false);
    }

    private static EventFile.Format format(CommandLine commandLine, String given, Path path) {
        switch (given.toLowerCase(Locale.ROOT)) {
            case "":
                return EventFile.Format.of(path);
            case "ndjson":
                return EventFile.Format.NDJSON;
            case "csv":
                return EventFile.Format.CSV;
            default:
                throw new CommandLine.ParameterException(
                        commandLine, "--format '" + given + "' is not ndjson or csv");
        }
    }
}
