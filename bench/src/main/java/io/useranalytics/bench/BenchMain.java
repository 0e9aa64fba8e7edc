package io.useranalytics.bench;

import java.io.PrintStream;
import picocli.CommandLine;

/** {@code java -jar bench/target/bench.jar [--quick] [--results DIR]}: runs the benchmark. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = BenchOptions.commandLine();
        BenchOptions options;
        try {
            options = BenchOptions.parse(commandLine, args);
        } catch (CommandLine.ParameterException e) {
            err.println("bench: " + e.getMessage());
            commandLine.usage(err);
            return 2;
        }
        if (options.help()) {
            commandLine.usage(out);
            return 0;
        }
        try {
            Report report = new Bench(options, out).run();
            report.write(options.results());
            out.printf(
                    "%nwrote %s and latest.json%n%n%s",
                    options.results().resolve("latest.md"), report.markdown());
            return 0;
        } catch (Exception e) {
            err.println("bench failed: " + e);
            return 1;
        }
    }
}
