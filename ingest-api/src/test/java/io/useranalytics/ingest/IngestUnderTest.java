package io.useranalytics.ingest;

import io.useranalytics.common.config.Env;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealKafka;
import java.util.HashMap;
import java.util.Map;

/** ingest-api on 127.0.0.1 and a free port against the test's broker, with its own settings. */
final class IngestUnderTest {
    private IngestUnderTest() {}

    static LocalService<IngestApp> start(RealKafka kafka, Map<String, String> settings) {
        Map<String, String> variables = new HashMap<>(settings);
        variables.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        IngestConfig config = IngestConfig.from(new Env(variables));
        return LocalService.start(registry -> IngestApp.connect(config, registry));
    }
}
