package io.useranalytics.query;

import io.javalin.Javalin;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs query-api as a process of its own. */
public final class QueryMain {
    private static final Logger log = LoggerFactory.getLogger(QueryMain.class);

    private QueryMain() {}

    public static void main(String[] args) {
        QueryConfig config;
        try {
            config = QueryConfig.from(Env.system());
        } catch (InvalidConfigException e) {
            log.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        log.info("starting query-api with {}", config);
        QueryApp app = QueryApp.connect(config);
        Javalin server = app.server().start(config.http().host(), config.http().port());
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.stop();
                                    app.close();
                                    log.info("query-api stopped");
                                },
                                "query-api-shutdown"));
    }
}
