package io.useranalytics.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own on a real PostgreSQL server for one test class, dropped afterwards. The
 * server is the one TEST_DATABASE_URL names (e.g. a TimescaleDB server; TEST_DATABASE_USER and
 * TEST_DATABASE_PASSWORD give its credentials), else the machine's on 127.0.0.1:5432 (database
 * test), else an embedded one (see {@link SuiteDatabase}).
 */
public final class RealPostgres implements BeforeAllCallback, AfterAllCallback {
    private final Optional<String> givenUrl;
    private String url;
    private final String user;
    private final String password;
    private String schema;
    private HikariDataSource dataSource;

    public RealPostgres() {
        this(System.getenv());
    }

    RealPostgres(Map<String, String> env) {
        this.givenUrl = Optional.ofNullable(env.get("TEST_DATABASE_URL")).filter(u -> !u.isBlank());
        this.user = env.getOrDefault("TEST_DATABASE_USER", "postgres");
        this.password = env.getOrDefault("TEST_DATABASE_PASSWORD", "");
    }

    /** The same server as the suite's, under other credentials: for a server found elsewhere. */
    public static RealPostgres at(String url, String user, String password) {
        return new RealPostgres(
                Map.of(
                        "TEST_DATABASE_URL", url,
                        "TEST_DATABASE_USER", user,
                        "TEST_DATABASE_PASSWORD", password));
    }

    /** Finds the server (see the class comment); done by {@link #beforeAll} too. */
    public RealPostgres resolve(ExtensionContext context) {
        if (url == null) {
            url = givenUrl.orElseGet(() -> SuiteDatabase.url(context));
        }
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        resolve(context);
        String owner = context.getTestClass().map(Class::getSimpleName).orElse("test");
        schema = schemaName(owner);
        execute("CREATE SCHEMA " + schema);
        dataSource = pool("test-" + owner);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (dataSource != null) { // null when beforeAll failed: its error is the one to see
            dataSource.close();
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /**
     * A pool on this class's schema, as the services' pools see it: the schema first on the path,
     * then public (where TimescaleDB's functions live).
     */
    public HikariDataSource pool(String name) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(url());
        hikari.setUsername(user);
        if (!password.isEmpty()) {
            hikari.setPassword(password);
        }
        hikari.addDataSourceProperty("currentSchema", schema + ",public");
        hikari.setConnectionInitSql("SET jit = off");
        hikari.setMaximumPoolSize(4);
        return new HikariDataSource(hikari);
    }

    /**
     * The same settings as environment variables, for {@code XxxConfig.from(Env)}. The suite's
     * events are historic (the seed's are from 2008), so a writer started with these keeps every
     * kind of data for ever ({@code RETENTION_*_DAYS=0}) unless a test sets its own retention.
     */
    public Map<String, String> env() {
        return Map.of(
                "DATABASE_URL",
                url,
                "DATABASE_USER",
                user,
                "DATABASE_PASSWORD",
                password,
                "DATABASE_SCHEMA",
                schema,
                "RETENTION_EVENTS_DAYS",
                "0",
                "RETENTION_SECOND_ROLLUPS_DAYS",
                "0",
                "RETENTION_MINUTE_ROLLUPS_DAYS",
                "0",
                "RETENTION_HOUR_ROLLUPS_DAYS",
                "0",
                "RETENTION_DAY_ROLLUPS_DAYS",
                "0");
    }

    /** A pool on this class's schema, for arranging and asserting. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    public String schema() {
        return schema;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** True when the server offers the timescaledb extension. */
    public boolean offersTimescale() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            return statement
                    .executeQuery(
                            "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")
                    .next();
        }
    }

    public String url() {
        if (url == null) {
            throw new IllegalStateException("the server is found in beforeAll: ask after it");
        }
        return url;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static String schemaName(String owner) {
        String prefix = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        return "t_" + prefix.substring(0, Math.min(prefix.length(), 40)) + "_" + suffix;
    }
}
