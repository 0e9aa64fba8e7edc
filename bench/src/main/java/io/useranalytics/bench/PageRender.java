package io.useranalytics.bench;

import io.useranalytics.harness.HeadlessChromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's first complete render (its tiles and default chart drawn), as the browser itself
 * measures it: the {@code dashboard-rendered} performance mark, in ms after navigation start, in
 * Debian's headless Chromium. Empty where Chromium or its driver is not installed.
 */
final class PageRender {
    private static final String MARK =
            "return performance.getEntriesByName('dashboard-rendered').map(e => e.startTime)";

    private PageRender() {}

    /** Loads the page {@code times} times, each in a fresh tab state; the sorted render times. */
    static Optional<List<Double>> measure(int port, int times) {
        if (!HeadlessChromium.isInstalled()) {
            return Optional.empty();
        }
        ChromeDriver driver = HeadlessChromium.start();
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
}
