package io.useranalytics.ingest;

import io.javalin.Javalin;
import io.useranalytics.common.http.MetricsRoute;
import io.useranalytics.common.process.ServiceProcess;

/** Runs ingest-api as a process of its own. */
public final class IngestMain {
    private IngestMain() {}

    public static void main(String[] args) {
        ServiceProcess.run("ingest-api", IngestConfig::from, IngestMain::start);
    }

    private static AutoCloseable start(IngestConfig config) {
        IngestApp app = IngestApp.connect(config);
        Javalin server =
                app.server(MetricsRoute.newRegistry())
                        .start(config.http().host(), config.http().port());
        return () -> {
            server.stop();
            app.close();
        };
    }
}
