package io.useranalytics.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's first complete render (its tiles and default chart drawn), as the browser itself
 * measures it: the {@code dashboard-rendered} performance mark, in ms after navigation start, in
 * Debian's headless Chromium. Empty where Chromium or its driver is not installed.
 */
final class PageRender {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String MARK =
            "return performance.getEntriesByName('dashboard-rendered').map(e => e.startTime)";

    private PageRender() {}

    /** Loads the page {@code times} times, each in a fresh tab state; the sorted render times. */
    static Optional<List<Double>> measure(int port, int times) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return Optional.empty();
        }
        ChromeDriver driver = start();
        try {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                driver.manage().deleteAllCookies();
                driver.get("http://127.0.0.1:" + port + "/");
                new WebDriverWait(driver, Duration.ofSeconds(30))
                        .until(d -> !((List<?>) driver.executeScript(MARK)).isEmpty());
                millis.add(((Number) ((List<?>) driver.executeScript(MARK)).get(0)).doubleValue());
            }
            millis.sort(Double::compare);
            return Optional.of(millis);
        } finally {
            driver.quit();
        }
    }

    private static ChromeDriver start() {
        try {
            Path profile = Files.createTempDirectory("bench-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-cache",
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            return new ChromeDriver(
                    new ChromeDriverService.Builder()
                            .usingDriverExecutable(CHROMEDRIVER.toFile())
                            .withLogOutput(OutputStream.nullOutputStream())
                            .build(),
                    options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Chromium profile folder", e);
        }
    }
}
