package io.useranalytics.launcher;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the whole pipeline in one process, on the local PostgreSQL and an embedded broker. */
public final class LauncherMain {
    private static final Logger log = LoggerFactory.getLogger(LauncherMain.class);

    private LauncherMain() {}

    public static void main(String[] args) {
        Pipeline pipeline;
        try {
            pipeline =
                    Pipeline.start(
                            Env.system(),
                            failure -> {
                                log.error("writer stopped on an unexpected error", failure);
                                Runtime.getRuntime().halt(1);
                            });
        } catch (InvalidConfigException e) {
            log.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    pipeline.close();
                                    log.info("pipeline stopped");
                                },
                                "pipeline-shutdown"));
    }
}
