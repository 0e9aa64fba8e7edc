package io.useranalytics.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.common.config.Env;
import io.useranalytics.launcher.LauncherConfig;
import io.useranalytics.launcher.Pipeline;
import io.useranalytics.testsupport.RealPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The launcher's one-process pipeline on free ports, its broker in {@code kafkaDir}; closing it
 * stops everything and checks the writer never failed.
 */
public final class EmbeddedPipeline implements AutoCloseable {
    private final Pipeline pipeline;
    private final List<Throwable> writerFailures;

    private EmbeddedPipeline(Pipeline pipeline, List<Throwable> writerFailures) {
        this.pipeline = pipeline;
        this.writerFailures = writerFailures;
    }

    public static EmbeddedPipeline start(
            RealPostgres postgres, Path kafkaDir, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("HTTP_PORT", "0");
        env.put("EMBEDDED_KAFKA_DIR", kafkaDir.toString());
        env.put("EMBEDDED_KAFKA_PORT", "0");
        env.put("EMBEDDED_KAFKA_CONTROLLER_PORT", "0");
        env.putAll(settings);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Pipeline pipeline =
                Pipeline.start(LauncherConfig.from(new Env(env)), new Env(env), failures::add);
        return new EmbeddedPipeline(pipeline, failures);
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public void close() {
        pipeline.close();
        assertThat(writerFailures).isEmpty();
    }
}
