package io.useranalytics.ingest.fileimport;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import io.useranalytics.common.kafka.ProducerSettings;
import io.useranalytics.common.tool.ProgressDisplay;
import io.useranalytics.common.tool.ToolLogging;
import io.useranalytics.ingest.EventRules;
import io.useranalytics.ingest.IngestConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;

/**
 * {@code java -jar ingest-api.jar import [--skip-bad] FILE...}: historic events into the topic.
 * Exit 0 when published, 1 when bad lines held the import back or Kafka failed, 2 for a bad command
 * line, setting or file.
 */
public final class ImportCommand {
    /** Kafka may take this long to acknowledge a send before the import stops. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    private ImportCommand() {}

    public static int run(Env env, PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = ImportOptions.commandLine();
        ImportOptions options;
        IngestConfig config;
        try {
            options = ImportOptions.parse(commandLine, args);
            config = IngestConfig.from(env);
        } catch (CommandLine.ParameterException e) {
            err.println("import: " + e.getMessage());
            commandLine.usage(err);
            return 2;
        } catch (InvalidConfigException e) {
            err.println("import: invalid configuration: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            commandLine.usage(out);
            return 0;
        }
        for (EventFile file : options.files()) {
            if (!Files.isReadable(file.path()) || Files.isDirectory(file.path())) {
                err.println("import: cannot read " + file.path() + ": not a readable file");
                return 2;
            }
        }
        ToolLogging.quietKafkaClients();
        EventImport events =
                new EventImport(
                        new EventRules(
                                config.timestamps().acceptedRange(),
                                config.limits().maxUserLength()));
        try {
            return run(events, options, config, out, err);
        } catch (ImportException | KafkaException e) {
            err.println("import: stopped: " + e.getMessage());
            return 1;
        }
    }

    private static int run(
            EventImport events,
            ImportOptions options,
            IngestConfig config,
            PrintStream out,
            PrintStream err) {
        long started = System.nanoTime();
        EventImport.Checked checked;
        try (ProgressDisplay progress = ProgressDisplay.start("checking", "lines", -1, out)) {
            checked = events.check(options.files(), progress);
        }
        out.printf(
                "checked %,d events in %d file(s): %,d valid, %,d bad%n",
                checked.valid() + checked.bad(),
                options.files().size(),
                checked.valid(),
                checked.bad());
        checked.listed().forEach(bad -> err.println(bad.describe()));
        if (checked.bad() > checked.listed().size()) {
            err.printf("... and %,d more bad lines%n", checked.bad() - checked.listed().size());
        }
        if (checked.bad() > 0 && !options.skipBad()) {
            err.printf(
                    "import: nothing published: %,d bad line(s); fix them, or pass --skip-bad to"
                            + " publish the %,d valid events without them%n",
                    checked.bad(), checked.valid());
            return 1;
        }
        long published;
        try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(
                                ProducerSettings.durable(
                                        config.kafka().connection(),
                                        "ingest-api-import",
                                        DELIVERY_TIMEOUT));
                ProgressDisplay progress =
                        ProgressDisplay.start("publishing", "events", checked.valid(), out)) {
            published = events.publish(options.files(), producer, config.kafka().topic(), progress);
        }
        out.printf(
                "published %,d events to %s (%,d bad lines left out) in %.1f s%n",
                published,
                config.kafka().topic(),
                checked.bad(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
