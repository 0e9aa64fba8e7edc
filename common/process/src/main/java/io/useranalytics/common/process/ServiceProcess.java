package io.useranalytics.common.process;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import io.useranalytics.common.health.DependencyUnavailableException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service as a process: reads its config from the environment (exit 2 naming every bad
 * variable), starts it (exit 1 with the cause if it cannot), and stops it on SIGTERM.
 */
public final class ServiceProcess {
    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

    private ServiceProcess() {}

    public static <C> void run(
            String name, Function<Env, C> readConfig, Function<C, AutoCloseable> start) {
        C config;
        try {
            LogFormat.check(Env.system());
            config = readConfig.apply(Env.system());
        } catch (InvalidConfigException e) {
            log.error("{}: {}", name, e.getMessage());
            // A bad LOG_FORMAT leaves logback without an appender: say it where it is seen.
            System.err.println(name + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        log.info("starting {} with {}", name, config);
        AutoCloseable running;
        try {
            running = start.apply(config);
        } catch (InvalidConfigException e) {
            log.error("{}: {}", name, e.getMessage());
            System.exit(2);
            return;
        } catch (DependencyUnavailableException e) {
            log.error("{} could not start: {}", name, e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            log.error("{} could not start: {}", name, e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stop(name, running), name + "-shutdown"));
    }

    private static void stop(String name, AutoCloseable running) {
        try {
            running.close();
            log.info("{} stopped", name);
        } catch (Exception e) {
            log.error("{} did not stop cleanly", name, e);
        }
    }
}
