package io.useranalytics.query;

import io.useranalytics.common.http.HttpService;
import io.useranalytics.common.process.ServiceProcess;

/** Runs query-api as a process of its own. */
public final class QueryMain {
    private QueryMain() {}

    public static void main(String[] args) {
        ServiceProcess.run(
                "query-api",
                QueryConfig::from,
                config ->
                        HttpService.serve(
                                config.http(), registry -> QueryApp.connect(config, registry)));
    }
}
