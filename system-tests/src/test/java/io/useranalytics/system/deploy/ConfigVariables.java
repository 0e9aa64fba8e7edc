package io.useranalytics.system.deploy;

import io.useranalytics.common.config.Env;
import io.useranalytics.ingest.IngestConfig;
import io.useranalytics.launcher.LauncherConfig;
import io.useranalytics.query.QueryConfig;
import io.useranalytics.writer.WriterConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** The environment variables each service reads, found by letting its config read them. */
final class ConfigVariables {
    static final Map<String, Consumer<Env>> SERVICES =
            Map.of(
                    "ingest-api", IngestConfig::from,
                    "writer", WriterConfig::from,
                    "query-api", QueryConfig::from);

    private ConfigVariables() {}

    /** Reads {@code env} as {@code service} would and returns every name it asked for. */
    static Set<String> readBy(String service, Env env) {
        SERVICES.get(service).accept(env);
        return env.namesRead();
    }

    /** Every variable any part of the pipeline reads, the launcher included. */
    static Set<String> all() {
        Set<String> names = new TreeSet<>();
        SERVICES.keySet().forEach(service -> names.addAll(readBy(service, new Env(Map.of()))));
        Env launcher = new Env(Map.of());
        LauncherConfig.from(launcher);
        names.addAll(launcher.namesRead());
        // read by logback.xml in common/process, not by a config record
        names.add("LOG_LEVEL");
        names.add("LOG_FORMAT");
        return names;
    }
}
