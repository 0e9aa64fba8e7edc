package io.useranalytics.system.pipeline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.useranalytics.harness.HeadlessChromium;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A {@link HeadlessChromium} for a test, with its console and screenshots. Tests that need it are
 * skipped, saying why, where Chromium or its driver is missing.
 */
final class Browser implements AutoCloseable {
    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start() {
        assumeTrue(HeadlessChromium.isInstalled(), HeadlessChromium.whyNot());
        return new Browser(HeadlessChromium.start());
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** The console's error lines since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves what the page shows as {@code target/<name>.png}. */
    Path screenshot(String name) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name + ".png");
        try {
            Files.createDirectories(target.getParent());
            return Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + target, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
