package io.useranalytics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a run's results as {@code latest.md} (a table per scenario) and {@code latest.json}. */
record Report(
        String size, Map<String, String> machine, List<ScenarioResult> scenarios, double minutes) {
    void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("latest.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", size);
        json.put("minutes", minutes);
        json.put("machine", machine);
        json.put("scenarios", scenarios);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve("latest.json").toFile(), json);
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Benchmark results (" + size + " run)\n\n");
        md.append(
                String.format(
                        "Took %.1f minutes. Every ratio compares figures measured in this run.%n%n",
                        minutes));
        md.append("| machine | |\n|---|---|\n");
        machine.forEach(
                (key, value) ->
                        md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        for (ScenarioResult scenario : scenarios) {
            md.append("\n## ").append(scenario.title()).append("\n\n");
            if (!scenario.columns().isEmpty()) {
                md.append("| ").append(String.join(" | ", scenario.columns())).append(" |\n|");
                md.append("---|".repeat(scenario.columns().size())).append('\n');
                for (List<String> row : scenario.rows()) {
                    md.append("| ").append(String.join(" | ", row)).append(" |\n");
                }
                md.append('\n');
            }
            for (ScenarioResult.Target target : scenario.targets()) {
                md.append("- Target ")
                        .append(target.goal())
                        .append(": measured ")
                        .append(target.measured())
                        .append(target.met() ? " — **met**" : " — **not met**")
                        .append('\n');
            }
            scenario.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }
}
