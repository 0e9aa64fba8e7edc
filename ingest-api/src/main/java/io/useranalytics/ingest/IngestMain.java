package io.useranalytics.ingest;

import io.javalin.Javalin;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs ingest-api as a process of its own. */
public final class IngestMain {
    private static final Logger log = LoggerFactory.getLogger(IngestMain.class);

    private IngestMain() {}

    public static void main(String[] args) {
        IngestConfig config;
        try {
            config = IngestConfig.from(Env.system());
        } catch (InvalidConfigException e) {
            log.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        log.info("starting ingest-api with {}", config);
        IngestApp app = IngestApp.connect(config);
        Javalin server = app.server().start(config.http().host(), config.http().port());
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.stop();
                                    app.close();
                                    log.info("ingest-api stopped");
                                },
                                "ingest-api-shutdown"));
    }
}
