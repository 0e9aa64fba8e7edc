package io.useranalytics.launcher;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.http.MetricsRoute;
import io.useranalytics.common.http.ServiceServer;
import io.useranalytics.embedded.EmbeddedKafkaBroker;
import io.useranalytics.ingest.IngestApp;
import io.useranalytics.ingest.IngestConfig;
import io.useranalytics.query.QueryApp;
import io.useranalytics.query.QueryConfig;
import io.useranalytics.writer.WriterApp;
import io.useranalytics.writer.WriterConfig;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: an embedded Kafka broker, the writer, and ingest-api and
 * query-api sharing one HTTP port. Closing stops them in the order that loses nothing.
 */
final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final EmbeddedKafkaBroker broker;
    private final WriterApp writer;
    private final IngestApp ingest;
    private final QueryApp query;
    private final Javalin server;

    private Pipeline(
            EmbeddedKafkaBroker broker,
            WriterApp writer,
            IngestApp ingest,
            QueryApp query,
            Javalin server) {
        this.broker = broker;
        this.writer = writer;
        this.ingest = ingest;
        this.query = query;
        this.server = server;
    }

    /** Starts the broker, then the services; {@code env} holds the services' own settings. */
    static Pipeline start(LauncherConfig config, Env env, Consumer<Throwable> onWriterFailure) {
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.inDirectory(
                                config.kafkaDir(), config.kafkaPort(), config.kafkaControllerPort())
                        .start();
        Env services = env.with("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        PrometheusMeterRegistry registry = MetricsRoute.newRegistry();
        WriterApp writer = WriterApp.start(WriterConfig.from(services), registry, onWriterFailure);
        IngestApp ingest =
                IngestApp.connect(IngestConfig.from(services, config.http().port()), registry);
        QueryApp query =
                QueryApp.connect(QueryConfig.from(services, config.http().port()), registry);
        Javalin server =
                ServiceServer.create(registry, List.of(ingest, query, writer))
                        .start(config.http().host(), config.http().port());
        log.info(
                "pipeline ready: POST and GET http://{}:{}/analytics (Kafka at {})",
                config.http().host(),
                server.port(),
                broker.bootstrapServers());
        return new Pipeline(broker, writer, ingest, query, server);
    }

    int port() {
        return server.port();
    }

    String kafkaBootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops taking requests, flushes acknowledged events, lets the writer finish, then Kafka. */
    @Override
    public void close() {
        server.stop();
        ingest.close();
        writer.close();
        query.close();
        broker.stop();
    }
}
