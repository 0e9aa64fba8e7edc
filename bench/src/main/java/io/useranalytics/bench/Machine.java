package io.useranalytics.bench;

import io.useranalytics.harness.ServiceJar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;

/** What the run ran on, for the report. */
final class Machine {
    private Machine() {}

    static Map<String, String> describe(BenchEnvironment env) throws IOException, SQLException {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("memory", memory());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put(
                "java",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("kafka", kafkaVersion() + " (embedded, KRaft, in the bench process)");
        try (Connection connection = env.connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT version()")) {
            row.next();
            machine.put("postgresql", row.getString(1).replaceAll(" on .*", ""));
        }
        machine.put(
                "services",
                "separate processes, -Xmx256m each; writer "
                        + String.join(" ", ServiceJar.jvmOptions("writer"))
                        + " (as its image)");
        return machine;
    }

    private static String kafkaVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in =
                KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties.getProperty("version", "unknown");
    }

    private static String memory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return String.format(
                        "%.1f GiB",
                        Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }
}
