package io.useranalytics.writer;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.http.MetricsRoute;
import io.useranalytics.common.http.ServiceServer;
import io.useranalytics.common.process.ServiceProcess;
import io.useranalytics.writer.replay.ReplayCommand;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the writer as a process of its own; exits non-zero if it cannot go on. {@code replay ...}
 * runs the dead-letter replay instead ({@link ReplayCommand}).
 */
public final class WriterMain {
    private static final Logger log = LoggerFactory.getLogger(WriterMain.class);

    private WriterMain() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("replay")) {
            System.exit(
                    ReplayCommand.run(
                            Env.system(),
                            System.out,
                            System.err,
                            Arrays.copyOfRange(args, 1, args.length)));
        }
        ServiceProcess.run("writer", WriterConfig::from, WriterMain::start);
    }

    private static AutoCloseable start(WriterConfig config) {
        PrometheusMeterRegistry registry = MetricsRoute.newRegistry();
        WriterApp app = WriterApp.start(config, registry, WriterMain::haltOnFailure);
        Javalin server =
                ServiceServer.create(registry, List.of(app), config.http().limits())
                        .start(config.http().host(), config.http().port());
        return () -> {
            server.stop();
            app.close();
        };
    }

    /** The poll loop died on an error it could not handle: exit so a supervisor restarts us. */
    public static void haltOnFailure(Throwable failure) {
        log.error("writer stopped on an unexpected error", failure);
        Runtime.getRuntime().halt(1);
    }
}
