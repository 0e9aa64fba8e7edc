package io.useranalytics.query;

import io.javalin.Javalin;
import io.useranalytics.common.http.MetricsRoute;
import io.useranalytics.common.process.ServiceProcess;

/** Runs query-api as a process of its own. */
public final class QueryMain {
    private QueryMain() {}

    public static void main(String[] args) {
        ServiceProcess.run("query-api", QueryConfig::from, QueryMain::start);
    }

    private static AutoCloseable start(QueryConfig config) {
        QueryApp app = QueryApp.connect(config);
        Javalin server =
                app.server(MetricsRoute.newRegistry())
                        .start(config.http().host(), config.http().port());
        return () -> {
            server.stop();
            app.close();
        };
    }
}
