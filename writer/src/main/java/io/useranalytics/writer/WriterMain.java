package io.useranalytics.writer;

import io.useranalytics.common.process.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the writer as a process of its own; exits non-zero if it cannot go on. */
public final class WriterMain {
    private static final Logger log = LoggerFactory.getLogger(WriterMain.class);

    private WriterMain() {}

    public static void main(String[] args) {
        ServiceProcess.run(
                "writer",
                WriterConfig::from,
                config -> WriterApp.start(config, WriterMain::haltOnFailure));
    }

    /** The poll loop died on an error it could not handle: exit so a supervisor restarts us. */
    public static void haltOnFailure(Throwable failure) {
        log.error("writer stopped on an unexpected error", failure);
        Runtime.getRuntime().halt(1);
    }
}
