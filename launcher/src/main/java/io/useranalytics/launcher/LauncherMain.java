package io.useranalytics.launcher;

import io.useranalytics.common.config.Env;
import io.useranalytics.common.process.ServiceProcess;
import io.useranalytics.writer.WriterMain;

/** Runs the whole pipeline in one process, on the local PostgreSQL and an embedded broker. */
public final class LauncherMain {
    private LauncherMain() {}

    public static void main(String[] args) {
        ServiceProcess.run(
                "pipeline",
                LauncherConfig::from,
                config -> Pipeline.start(config, Env.system(), WriterMain::haltOnFailure));
    }
}
