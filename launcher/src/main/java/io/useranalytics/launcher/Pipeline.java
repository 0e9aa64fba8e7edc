package io.useranalytics.launcher;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import io.useranalytics.common.http.MetricsRoute;
import io.useranalytics.common.http.ServiceServer;
import io.useranalytics.embedded.EmbeddedKafkaBroker;
import io.useranalytics.embedded.postgres.DataDirectoryInUseException;
import io.useranalytics.embedded.postgres.EmbeddedPostgresServer;
import io.useranalytics.ingest.IngestApp;
import io.useranalytics.ingest.IngestConfig;
import io.useranalytics.query.QueryApp;
import io.useranalytics.query.QueryConfig;
import io.useranalytics.writer.WriterApp;
import io.useranalytics.writer.WriterConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: an embedded Kafka broker, the writer, and ingest-api and
 * query-api sharing one HTTP port; an embedded PostgreSQL too unless DATABASE_URL names one.
 * Closing stops them in the order that loses nothing.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    static final String EMBEDDED_DATABASE = "user_analytics";

    private final Optional<EmbeddedPostgresServer> postgres;
    private final EmbeddedKafkaBroker broker;
    private final WriterApp writer;
    private final IngestApp ingest;
    private final QueryApp query;
    private final Javalin server;

    private Pipeline(
            Optional<EmbeddedPostgresServer> postgres,
            EmbeddedKafkaBroker broker,
            WriterApp writer,
            IngestApp ingest,
            QueryApp query,
            Javalin server) {
        this.postgres = postgres;
        this.broker = broker;
        this.writer = writer;
        this.ingest = ingest;
        this.query = query;
        this.server = server;
    }

    /**
     * Starts the database (unless given) and the broker, then the services; {@code env} holds the
     * services' own settings.
     */
    public static Pipeline start(
            LauncherConfig config, Env env, Consumer<Throwable> onWriterFailure) {
        Optional<EmbeddedPostgresServer> postgres =
                config.embeddedPostgres()
                        .map(
                                local ->
                                        EmbeddedPostgresServer.inDirectory(
                                                local.dir(), local.port()));
        try {
            Env services = env;
            if (postgres.isPresent()) {
                services = withEmbeddedDatabase(services, postgres.get().start());
            }
            return start(config, services, postgres, onWriterFailure);
        } catch (DataDirectoryInUseException e) {
            throw new InvalidConfigException(List.of("EMBEDDED_POSTGRES_DIR: " + e.getMessage()));
        } catch (RuntimeException e) {
            postgres.ifPresent(EmbeddedPostgresServer::close);
            throw e;
        }
    }

    private static Env withEmbeddedDatabase(Env env, EmbeddedPostgresServer postgres) {
        postgres.createDatabase(EMBEDDED_DATABASE);
        log.info(
                "no DATABASE_URL given: using the embedded PostgreSQL at {} (data kept in {})",
                postgres.jdbcUrl(EMBEDDED_DATABASE),
                postgres.dataDir().toAbsolutePath());
        return env.with("DATABASE_URL", postgres.jdbcUrl(EMBEDDED_DATABASE))
                .with("DATABASE_USER", postgres.user())
                .with("DATABASE_PASSWORD", "");
    }

    private static Pipeline start(
            LauncherConfig config,
            Env env,
            Optional<EmbeddedPostgresServer> postgres,
            Consumer<Throwable> onWriterFailure) {
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.inDirectory(
                                config.kafkaDir(), config.kafkaPort(), config.kafkaControllerPort())
                        .start();
        // The embedded broker listens on 127.0.0.1 in plaintext; KAFKA_SECURITY_* is for the
        // services run on their own against a cluster of yours.
        // One machine, for trying it out: it keeps everything (the seed's events are from 2008)
        // unless RETENTION_*_DAYS is given.
        Env services =
                env.with("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())
                        .with("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
                        .withDefault("RETENTION_EVENTS_DAYS", "0")
                        .withDefault("RETENTION_SECOND_ROLLUPS_DAYS", "0")
                        .withDefault("RETENTION_MINUTE_ROLLUPS_DAYS", "0")
                        .withDefault("RETENTION_HOUR_ROLLUPS_DAYS", "0")
                        .withDefault("RETENTION_DAY_ROLLUPS_DAYS", "0");
        PrometheusMeterRegistry registry = MetricsRoute.newRegistry();
        WriterApp writer = WriterApp.start(WriterConfig.from(services), registry, onWriterFailure);
        IngestApp ingest =
                IngestApp.connect(IngestConfig.from(services, config.http().port()), registry);
        QueryApp query =
                QueryApp.connect(QueryConfig.from(services, config.http().port()), registry);
        Javalin server =
                ServiceServer.create(
                                registry, List.of(ingest, query, writer), config.http().limits())
                        .start(config.http().host(), config.http().port());
        log.info(
                "pipeline ready: POST and GET http://{}:{}/analytics (Kafka at {})",
                config.http().host(),
                server.port(),
                broker.bootstrapServers());
        return new Pipeline(postgres, broker, writer, ingest, query, server);
    }

    public int port() {
        return server.port();
    }

    public String kafkaBootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * Stops taking requests, flushes acknowledged events, lets the writer finish, then Kafka, then
     * the embedded database.
     */
    @Override
    public void close() {
        server.stop();
        ingest.close();
        writer.close();
        query.close();
        broker.stop();
        postgres.ifPresent(EmbeddedPostgresServer::close);
    }
}
