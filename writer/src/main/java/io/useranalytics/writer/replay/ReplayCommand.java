package io.useranalytics.writer.replay;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import io.useranalytics.common.kafka.KafkaConfig;
import io.useranalytics.common.tool.ProgressDisplay;
import io.useranalytics.common.tool.ToolLogging;
import java.io.PrintStream;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;

/**
 * {@code java -jar writer.jar replay [options]}: dead letters back to the event topic. Exit 0 when
 * done, 2 for a bad command line or setting, 1 when Kafka refused or did not answer.
 */
public final class ReplayCommand {
    private ReplayCommand() {}

    public static int run(Env env, PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = ReplayOptions.commandLine();
        ReplayOptions options;
        KafkaConfig kafka;
        String deadLetterTopic;
        try {
            options = ReplayOptions.parse(commandLine, args);
            kafka = KafkaConfig.from(env);
            deadLetterTopic = env.string("KAFKA_DLQ_TOPIC", "analytics.events.dlq");
            env.requireValid();
        } catch (CommandLine.ParameterException e) {
            err.println("replay: " + e.getMessage());
            commandLine.usage(err);
            return 2;
        } catch (InvalidConfigException e) {
            err.println("replay: invalid configuration: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            commandLine.usage(out);
            return 0;
        }
        ToolLogging.quietKafkaClients();
        DeadLetterReplay replay =
                new DeadLetterReplay(
                        kafka.connection(), deadLetterTopic, kafka.topic(), options.name());
        out.printf(
                "replaying %s from %s to %s (replay '%s', consumer group %s)%n",
                options.filter().describe(),
                deadLetterTopic,
                kafka.topic(),
                options.name(),
                replay.group());
        try {
            ReplaySummary summary =
                    replay.run(
                            options.filter(),
                            total -> ProgressDisplay.start("replay", "records", total, out));
            out.printf(
                    "replayed %,d of %,d dead letters read (%,d left by the filter) in %.1f s%n",
                    summary.replayed(),
                    summary.read(),
                    summary.leftByFilter(),
                    summary.took().toMillis() / 1000.0);
            return 0;
        } catch (ReplayException | KafkaException e) {
            err.println(
                    "replay: stopped: "
                            + e.getMessage()
                            + " (at "
                            + kafka.connection().describe()
                            + ")");
            return 1;
        }
    }
}
