package io.useranalytics.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.system.EmbeddedPipeline;
import io.useranalytics.testsupport.RealPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * With QUERY_API_KEYS set, the dashboard asks for a key, refuses a wrong one, uses a right one
 * (kept for the session); and it says so when the server goes away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardKeysIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KEY = "dashboard-key-0123456789";

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @TempDir static Path kafkaDir;

    private static EmbeddedPipeline pipeline;
    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        pipeline = EmbeddedPipeline.start(postgres, kafkaDir, Map.of("QUERY_API_KEYS", KEY));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void the_page_asks_for_a_key_refuses_a_wrong_one_and_shows_the_figures_with_the_right_one() {
        browser.driver().get("http://127.0.0.1:" + pipeline.pipeline().port() + "/");

        browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
        assertThat(message())
                .isEqualTo("This server needs an API key (QUERY_API_KEYS): enter one above.");
        browser.screenshot("dashboard-key-prompt");

        useKey("not-the-right-key-at-all");
        browser.waiting(WAIT)
                .until(ExpectedConditions.textToBe(By.id("key-error"), "That key was refused."));
        assertThat(browser.driver().findElement(By.id("tile-users")).getText()).isEqualTo("–");

        useKey(KEY);
        browser.waiting(WAIT).until(ExpectedConditions.textToBe(By.id("tile-users"), "0"));
        assertThat(browser.driver().findElement(By.id("key-form")).isDisplayed()).isFalse();
        assertThat(browser.driver().executeScript("return sessionStorage.getItem('queryApiKey')"))
                .isEqualTo(KEY);
        browser.screenshot("dashboard-key-accepted");
    }

    @Test
    @Order(2)
    void a_server_that_goes_away_is_reported_as_unreachable() {
        browser.driver().get("http://127.0.0.1:" + pipeline.pipeline().port() + "/");
        browser.waiting(WAIT).until(ExpectedConditions.textToBe(By.id("tile-users"), "0"));

        pipeline.close();
        pipeline = null;

        browser.waiting(WAIT)
                .until(
                        ExpectedConditions.textToBe(
                                By.id("message"),
                                "The server cannot be reached; trying again every few seconds."));
        browser.screenshot("dashboard-unreachable");
    }

    private static void useKey(String key) {
        WebElement input = browser.driver().findElement(By.id("key"));
        browser.waiting(WAIT).until(ExpectedConditions.visibilityOf(input));
        input.clear();
        input.sendKeys(key);
        browser.driver().findElement(By.cssSelector("#key-form button")).click();
    }

    private static String message() {
        browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        return browser.driver().findElement(By.id("message")).getText();
    }
}
