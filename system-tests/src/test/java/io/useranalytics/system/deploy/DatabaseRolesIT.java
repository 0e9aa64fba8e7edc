package io.useranalytics.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.useranalytics.common.config.Env;
import io.useranalytics.common.config.InvalidConfigException;
import io.useranalytics.harness.ServiceJar;
import io.useranalytics.query.QueryApp;
import io.useranalytics.query.QueryConfig;
import io.useranalytics.store.Database;
import io.useranalytics.store.DatabaseConfig;
import io.useranalytics.store.SchemaMigrations;
import io.useranalytics.store.StorageChoice;
import io.useranalytics.system.ThreeServices;
import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.writer.WriterApp;
import io.useranalytics.writer.WriterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's roles, created by this test with its SQL: the writer as the schema's owner,
 * query-api as a reader with SELECT only; a role with too few rights stops a service at start-up.
 */
class DatabaseRolesIT {
    private static final String SUFFIX =
            Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final String OWNER = "ua_owner_" + SUFFIX;
    private static final String READER = "ua_reader_" + SUFFIX;
    private static final String NOBODY = "ua_nobody_" + SUFFIX;
    private static final String SCHEMA = "ua_roles_" + SUFFIX;
    private static final String FRESH_SCHEMA = "ua_fresh_" + SUFFIX;

    @RegisterExtension static final RealKafka kafka = new RealKafka();
    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    @BeforeAll
    static void createRoles() throws Exception {
        execute(readmeRolesSql(SCHEMA));
        // Migrated by its owner up front, so that no test depends on another having run first.
        try (HikariDataSource owner =
                Database.open(
                        new DatabaseConfig(
                                postgres.url(), OWNER, "", SCHEMA, 2, StorageChoice.AUTO, true),
                        "roles-owner")) {
            new SchemaMigrations(owner, SCHEMA).migrate();
        }
        execute("CREATE ROLE " + NOBODY + " LOGIN");
        execute("CREATE SCHEMA " + FRESH_SCHEMA + " AUTHORIZATION " + OWNER);
        execute("GRANT USAGE ON SCHEMA " + FRESH_SCHEMA + " TO " + READER);
    }

    @AfterAll
    static void dropRoles() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + ", " + FRESH_SCHEMA + " CASCADE");
        for (String role : new String[] {OWNER, READER, NOBODY}) {
            execute("DROP OWNED BY " + role);
            execute("DROP ROLE " + role);
        }
    }

    @Test
    void the_writer_as_owner_and_query_api_as_reader_answer_the_seeds_questions() throws Exception {
        Map<String, String> reader = env(READER, SCHEMA);
        try (ThreeServices services =
                ThreeServices.start(kafka, postgres, env(OWNER, SCHEMA), reader)) {
            services.postTheSeedsEvents();
            services.awaitTheSeedsAnswer();
            assertThat(
                            services.query
                                    .http()
                                    .get("/analytics/series?from=1224565200&to=1224568800&step=1h")
                                    .body())
                    .isEqualTo(
                            "time,unique_users,clicks,impressions\n2008-10-21T05:00:00Z,2,1,1\n");
        }
        assertThat(hasRight(READER, SCHEMA + ".event_blocks", "INSERT")).isFalse();
        assertThat(hasRight(READER, SCHEMA + ".event_blocks", "SELECT")).isTrue();
    }

    @Test
    void query_api_with_a_role_without_rights_exits_2_with_one_line_naming_them() throws Exception {
        Process query = ServiceJar.start("query-api", env(NOBODY, SCHEMA), "roles-nobody-query");

        assertThat(query.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(query.exitValue()).isEqualTo(2);
        assertThat(Files.readString(ServiceJar.log("roles-nobody-query")))
                .contains(
                        "query-api: invalid configuration: DATABASE_USER "
                                + NOBODY
                                + " lacks rights in schema "
                                + SCHEMA
                                + ": USAGE on the schema; SELECT on consumer_offsets, event_blocks,"
                                + " event_ids,")
                .contains("(query-api needs USAGE on the schema and SELECT on every table)")
                .doesNotContain("\tat ");
    }

    @Test
    void the_writer_as_reader_is_refused_naming_the_rights_it_lacks() {
        WriterConfig config = WriterConfig.from(new Env(withKafka(env(READER, SCHEMA))));

        assertThatThrownBy(() -> WriterApp.start(config, new SimpleMeterRegistry(), failure -> {}))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(
                        "invalid configuration: DATABASE_USER "
                                + READER
                                + " lacks rights in schema "
                                + SCHEMA
                                + ": INSERT on consumer_offsets, event_blocks, event_ids,")
                .hasMessageContaining("; UPDATE on consumer_offsets,")
                .hasMessageContaining("; DELETE on consumer_offsets,")
                .hasMessageEndingWith(
                        "(writer needs USAGE on the schema and SELECT, INSERT, UPDATE, DELETE on"
                                + " every table)");
    }

    @Test
    void query_api_on_a_schema_the_writer_has_not_migrated_says_to_start_the_writer_first() {
        QueryConfig config = QueryConfig.from(new Env(env(READER, FRESH_SCHEMA)));

        assertThatThrownBy(() -> QueryApp.connect(config, new SimpleMeterRegistry()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageMatching(
                        "invalid configuration: schema "
                                + FRESH_SCHEMA
                                + " is at version none and query-api needs version \\d+: start the"
                                + " writer first \\(it migrates the schema\\), or set"
                                + " DATABASE_MIGRATE=true with the role that owns it");
    }

    @Test
    void query_api_told_to_migrate_with_a_read_only_role_says_it_may_not() {
        Map<String, String> env = new HashMap<>(env(READER, FRESH_SCHEMA));
        env.put("DATABASE_MIGRATE", "true");
        QueryConfig config = QueryConfig.from(new Env(env));

        assertThatThrownBy(() -> QueryApp.connect(config, new SimpleMeterRegistry()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(
                        "invalid configuration: the database user may not migrate schema "
                                + FRESH_SCHEMA
                                + " (")
                .hasMessageContaining("permission denied");
    }

    private static Map<String, String> env(String role, String schema) {
        Map<String, String> env = new HashMap<>(postgres.env());
        env.put("DATABASE_USER", role);
        env.put("DATABASE_PASSWORD", "");
        env.put("DATABASE_SCHEMA", schema);
        return env;
    }

    private static Map<String, String> withKafka(Map<String, String> env) {
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        return env;
    }

    /** The README's block, with this test's role and schema names. */
    private static String readmeRolesSql(String schema) throws IOException {
        Matcher block =
                Pattern.compile("```sql\n(CREATE ROLE analytics_owner.*?)```", Pattern.DOTALL)
                        .matcher(Files.readString(Path.of("..", "README.md")));
        assertThat(block.find()).as("README.md has the roles' SQL").isTrue();
        return block.group(1)
                .replace("analytics_owner", OWNER)
                .replace("analytics_reader", READER)
                .replace("user_analytics", schema);
    }

    private static boolean hasRight(String role, String table, String right) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row =
                        statement.executeQuery(
                                "SELECT has_table_privilege('"
                                        + role
                                        + "', '"
                                        + table
                                        + "', '"
                                        + right
                                        + "')")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
