package io.useranalytics.testsupport;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A PostgreSQL server with the timescaledb extension, and a schema of its own there, for one test
 * class. Found in this order: the suite's server (TEST_DATABASE_URL) when it offers the extension;
 * else the official TimescaleDB image through testcontainers where Docker runs; else none, and
 * {@link #whyNot()} says why, for {@code assumeTrue(timescale.isAvailable(), timescale.whyNot())}.
 */
public final class TimescaleServer implements BeforeAllCallback, AfterAllCallback {
    static final String IMAGE = "timescale/timescaledb:2.17.2-pg16";

    private Optional<RealPostgres> schema = Optional.empty();
    private Optional<PostgreSQLContainer> container = Optional.empty();
    private String whyNot = "not looked for yet";

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        RealPostgres suiteServer = new RealPostgres().resolve(context);
        if (suiteServer.offersTimescale()) {
            use(suiteServer, context);
            return;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            whyNot =
                    "no TimescaleDB server: the suite's PostgreSQL at "
                            + suiteServer.url()
                            + " lacks the timescaledb extension (set TEST_DATABASE_URL to a"
                            + " TimescaleDB server) and no Docker engine runs here for testcontainers";
            return;
        }
        PostgreSQLContainer started =
                new PostgreSQLContainer(
                        DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"));
        started.start();
        container = Optional.of(started);
        use(
                RealPostgres.at(started.getJdbcUrl(), started.getUsername(), started.getPassword()),
                context);
    }

    private void use(RealPostgres server, ExtensionContext context) throws SQLException {
        server.beforeAll(context);
        schema = Optional.of(server);
        whyNot = "";
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (schema.isPresent()) {
            schema.get().afterAll(context);
        }
        container.ifPresent(PostgreSQLContainer::stop);
    }

    public boolean isAvailable() {
        return schema.isPresent();
    }

    public String whyNot() {
        return whyNot;
    }

    /** The schema on the TimescaleDB server; only when {@link #isAvailable()}. */
    public RealPostgres postgres() {
        return schema.orElseThrow(() -> new IllegalStateException(whyNot));
    }

    @Override
    public String toString() {
        return Objects.toString(schema.map(RealPostgres::url).orElse(whyNot));
    }
}
