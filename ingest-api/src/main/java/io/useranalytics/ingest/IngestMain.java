package io.useranalytics.ingest;

import io.useranalytics.common.http.HttpService;
import io.useranalytics.common.process.ServiceProcess;

/** Runs ingest-api as a process of its own. */
public final class IngestMain {
    private IngestMain() {}

    public static void main(String[] args) {
        ServiceProcess.run(
                "ingest-api",
                IngestConfig::from,
                config ->
                        HttpService.serve(
                                config.http(), registry -> IngestApp.connect(config, registry)));
    }
}
