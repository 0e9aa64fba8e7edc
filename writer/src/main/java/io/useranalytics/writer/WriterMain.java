package io.useranalytics.writer;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the writer as a process of its own; exits non-zero if it cannot go on. */
public final class WriterMain {
    private static final Logger log = LoggerFactory.getLogger(WriterMain.class);

    private WriterMain() {}

    public static void main(String[] args) {
        WriterConfig config;
        try {
            config = WriterConfig.from(Env.system());
        } catch (InvalidConfigException e) {
            log.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        log.info("starting writer with {}", config);
        WriterApp app =
                WriterApp.start(
                        config,
                        failure -> {
                            log.error("writer stopped on an unexpected error", failure);
                            Runtime.getRuntime().halt(1);
                        });
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    app.close();
                                    log.info("writer stopped");
                                },
                                "writer-shutdown"));
    }
}
