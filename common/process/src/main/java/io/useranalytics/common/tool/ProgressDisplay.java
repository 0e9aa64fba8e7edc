package io.useranalytics.common.tool;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * An operator tool's progress: a bar redrawn in place on a terminal, a plain line every few seconds
 * otherwise (a log file or a CI job), both on {@code out}. One thread.
 */
public final class ProgressDisplay implements AutoCloseable {
    private static final Duration TERMINAL_REFRESH = Duration.ofMillis(200);
    private static final Duration LINE_EVERY = Duration.ofSeconds(5);

    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar if this process has a terminal, plain lines if not. */
    public static ProgressDisplay start(String task, String unit, long total, PrintStream out) {
        return start(task, unit, total, out, System.console() != null);
    }

    public static ProgressDisplay start(
            String task, String unit, long total, PrintStream out, boolean terminal) {
        ProgressBarBuilder builder =
                new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" " + unit, 1)
                        .showSpeed()
                        .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS);
        if (terminal) {
            builder.setUpdateIntervalMillis((int) TERMINAL_REFRESH.toMillis())
                    .setConsumer(new ConsoleProgressBarConsumer(out));
        } else {
            builder.setUpdateIntervalMillis((int) LINE_EVERY.toMillis())
                    .setConsumer(new DelegatingProgressBarConsumer(out::println, 100));
        }
        return new ProgressDisplay(builder.build());
    }

    public void stepTo(long done) {
        bar.stepTo(done);
    }

    /** A total learned late, e.g. once a file has been read. */
    public void maxHint(long total) {
        bar.maxHint(total);
    }

    @Override
    public void close() {
        bar.close();
    }
}
