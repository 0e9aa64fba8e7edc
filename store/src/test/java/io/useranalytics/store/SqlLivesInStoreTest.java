package io.useranalytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The store is the database's one face: no string in another module's main code reads like SQL, and
 * none imports JDBC (connections, transactions, SQLException) or the PostgreSQL driver. The
 * exceptions, each with its reason, are the modules that stand up or measure a database rather than
 * use the project's tables as a service does.
 */
class SqlLivesInStoreTest {
    private static final Map<String, String> EXCEPTIONS =
            Map.of(
                    "store", "the owner",
                    "test-support", "fixtures: test databases, replication, rows read back",
                    "bench", "the ceilings (bare COPY, plain count) measured beside the store",
                    "embedded-postgres", "creates the launcher's database on its own server");

    private static final Pattern JDBC_IMPORT =
            Pattern.compile("^import (javax?\\.sql|org\\.postgresql)\\.", Pattern.MULTILINE);

    /** A string literal holding a statement's opening words. */
    private static final Pattern SQL_IN_A_STRING =
            Pattern.compile(
                    "\"[^\"]*\\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|MERGE INTO"
                            + "|CREATE (TABLE|SCHEMA|INDEX|DATABASE|EXTENSION|ROLE)"
                            + "|ALTER (TABLE|SYSTEM|ROLE)|DROP (TABLE|SCHEMA|INDEX)|TRUNCATE"
                            + "|COPY [a-z_]+|SET LOCAL|GRANT|ANALYZE)\\b");

    @Test
    void no_module_but_the_store_holds_sql() {
        List<String> found = new ArrayList<>();
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> modules = modules(root);
        for (String module : modules) {
            if (EXCEPTIONS.containsKey(module)) {
                continue;
            }
            sources(root.resolve(module).resolve("src/main/java"))
                    .forEach(file -> found.addAll(sqlIn(file)));
        }
        assertThat(modules).hasSizeGreaterThan(8); // the tree was found
        assertThat(found).as("SQL outside store (move it into a store class)").isEmpty();
    }

    @Test
    void no_module_but_the_store_uses_jdbc() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Set<String> found = new TreeSet<>();
        for (String module : modules(root)) {
            if (EXCEPTIONS.containsKey(module)) {
                continue;
            }
            for (Path file : sources(root.resolve(module).resolve("src/main/java"))) {
                if (JDBC_IMPORT.matcher(Files.readString(file)).find()) {
                    found.add(module + "/" + file.getFileName());
                }
            }
        }
        assertThat(found).as("JDBC outside store (move it into a store class)").isEmpty();
    }

    @Test
    void the_pattern_finds_sql_in_a_string() {
        assertThat(SQL_IN_A_STRING.matcher("x = \"SELECT count(*) FROM users\";").find()).isTrue();
        assertThat(SQL_IN_A_STRING.matcher("\"selected 3 users\"").find()).isFalse();
    }

    private static List<String> sqlIn(Path file) {
        List<String> found = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher sql = SQL_IN_A_STRING.matcher(lines.get(i));
                if (sql.find()) {
                    found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The modules the root pom lists, as paths from the root (Maven runs this test in store/). */
    private static List<String> modules(Path root) {
        try {
            Matcher module =
                    Pattern.compile("<module>([^<]+)</module>")
                            .matcher(Files.readString(root.resolve("pom.xml")));
            List<String> modules = new ArrayList<>();
            while (module.find()) {
                modules.add(module.group(1));
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> sources(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
