package io.useranalytics.ingest;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.http.HttpService;
import io.useranalytics.common.process.ServiceProcess;
import io.useranalytics.ingest.fileimport.ImportCommand;
import java.util.Arrays;

/** Runs ingest-api as a process of its own. */
public final class IngestMain {
    private IngestMain() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(
                    ImportCommand.run(
                            Env.system(),
                            System.out,
                            System.err,
                            Arrays.copyOfRange(args, 1, args.length)));
        }
        ServiceProcess.run(
                "ingest-api",
                IngestConfig::from,
                config ->
                        HttpService.serve(
                                config.http(), registry -> IngestApp.connect(config, registry)));
    }
}
