package io.useranalytics.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.useranalytics.system.EmbeddedPipeline;
import io.useranalytics.testsupport.Http;
import io.useranalytics.testsupport.RealPostgres;
import io.useranalytics.testsupport.StoredEvents;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser against the real pipeline, with events the test posts: what it
 * shows equals what the API answers. Each test leaves a screenshot under target/.
 */
class DashboardIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();
    @TempDir static Path kafkaDir;

    private static EmbeddedPipeline pipeline;
    private static Http http;
    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        pipeline =
                EmbeddedPipeline.start(postgres, kafkaDir, Map.of("WRITER_BATCH_MAX_AGE_MS", "50"));
        http = new Http(pipeline.pipeline().port());
        Instant now = Instant.now();
        for (int i = 0; i < 120; i++) {
            String kind = i % 3 == 0 ? "click" : "impression";
            Instant at = now.minus(Duration.ofSeconds(17L * i + 30));
            assertThat(
                            http.post(
                                            "/analytics?timestamp="
                                                    + at.toEpochMilli()
                                                    + "&user=dash-"
                                                    + (i % 23)
                                                    + "&event="
                                                    + kind)
                                    .statusCode())
                    .isEqualTo(204);
        }
        StoredEvents stored = new StoredEvents(postgres.dataSource(), "dash-%");
        await().atMost(WAIT).until(() -> stored.count() == 120);
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
    void the_tiles_show_the_trailing_hour_as_get_analytics_answers_it_without_console_errors()
            throws Exception {
        open();

        browser.waiting(WAIT)
                .until(ExpectedConditions.textMatches(By.id("tile-users"), pattern("[0-9]+")));
        JsonNode hour =
                json(
                        http.get(
                                        "/analytics?timestamp=" + Instant.now().toEpochMilli(),
                                        "application/json")
                                .body());
        browser.screenshot("dashboard-tiles");

        assertThat(shown("tile-users")).isEqualTo(hour.get("unique_users").asLong()).isEqualTo(23);
        assertThat(shown("tile-clicks")).isEqualTo(hour.get("clicks").asLong()).isEqualTo(40);
        assertThat(shown("tile-impressions")).isEqualTo(hour.get("impressions").asLong());
        assertThat(text("tiles-as-of")).startsWith("Trailing hour ").endsWith(" UTC");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void each_preset_draws_one_point_per_bucket_and_totals_equal_the_range_answer() {
        Map<String, Integer> pointsByPreset = new LinkedHashMap<>();
        pointsByPreset.put("hour", 60);
        pointsByPreset.put("day5m", 288);
        pointsByPreset.put("dayHour", 24);
        pointsByPreset.put("week", 168);
        pointsByPreset.put("month", 30);
        open();

        for (Map.Entry<String, Integer> preset : pointsByPreset.entrySet()) {
            new Select(browser.driver().findElement(By.id("preset")))
                    .selectByValue(preset.getKey());

            browser.waiting(WAIT)
                    .until(
                            ExpectedConditions.attributeToBe(
                                    By.id("chart"), "data-points", preset.getValue().toString()));
            String query = browser.driver().findElement(By.id("csv")).getAttribute("data-query");
            JsonNode totals =
                    json(
                            http.get(
                                            "/analytics?" + query.replaceAll("&step=.*", ""),
                                            "application/json")
                                    .body());
            assertThat(browser.driver().findElements(By.cssSelector("#chart canvas"))).hasSize(1);
            assertThat(shown("total-users")).isEqualTo(totals.get("unique_users").asLong());
            assertThat(shown("total-clicks")).isEqualTo(totals.get("clicks").asLong());
            browser.screenshot("dashboard-" + preset.getKey());
        }
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void hovering_the_chart_shows_a_buckets_time_and_values() {
        open();
        browser.waiting(WAIT)
                .until(ExpectedConditions.attributeToBe(By.id("chart"), "data-points", "60"));

        new Actions(browser.driver())
                .moveToElement(browser.driver().findElement(By.cssSelector("#chart .u-over")))
                .perform();

        List<String> legend =
                browser.driver().findElements(By.cssSelector("#chart .u-legend .u-value")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(legend).hasSize(4);
        assertThat(legend.get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:00 UTC");
        assertThat(legend.subList(1, 4)).allMatch(value -> value.matches("[0-9]+"));
        browser.screenshot("dashboard-hover");
    }

    @Test
    void the_csv_download_is_exactly_the_series_csv_of_the_range_shown() {
        open();
        browser.waiting(WAIT)
                .until(ExpectedConditions.attributeToBe(By.id("chart"), "data-points", "60"));

        String query = browser.driver().findElement(By.id("csv")).getAttribute("data-query");
        Object downloaded =
                ((JavascriptExecutor) browser.driver())
                        .executeAsyncScript(
                                "const done = arguments[arguments.length - 1];"
                                        + "fetch(document.getElementById('csv').href)"
                                        + ".then(r => r.text()).then(done);");

        assertThat(downloaded).isEqualTo(http.get("/analytics/series?" + query, "text/csv").body());
        assertThat(downloaded.toString()).startsWith("time,unique_users,clicks,impressions\n");
        assertThat(browser.driver().findElement(By.id("csv")).getAttribute("download"))
                .isEqualTo("series.csv");
    }

    @Test
    void the_table_view_lists_the_same_rows_as_the_chart() {
        open();
        browser.waiting(WAIT)
                .until(ExpectedConditions.attributeToBe(By.id("chart"), "data-points", "60"));

        browser.driver().findElement(By.id("view")).click();

        assertThat(browser.driver().findElements(By.cssSelector("#table tbody tr"))).hasSize(60);
        assertThat(browser.driver().findElement(By.id("chart")).isDisplayed()).isFalse();
        browser.screenshot("dashboard-table");
    }

    @Test
    void a_range_over_the_row_limit_shows_the_servers_reason() {
        open();
        chooseCustom("2026-01-01T00:00:00", "2026-01-31T00:00:00", "1m");

        browser.waiting(WAIT)
                .until(ExpectedConditions.textMatches(By.id("message"), pattern(".*rows.*")));
        browser.screenshot("dashboard-too-many-rows");

        assertThat(text("message"))
                .isEqualTo(
                        "from 2026-01-01T00:00:00Z to 2026-01-31T00:00:00Z in steps of 1m is"
                                + " 43200 rows; the maximum is 10000: use a larger step or a"
                                + " shorter range");
    }

    @Test
    void an_empty_range_says_so() {
        open();
        chooseCustom("2001-01-01T00:00:00", "2001-01-02T00:00:00", "1h");

        browser.waiting(WAIT)
                .until(ExpectedConditions.textToBe(By.id("message"), "No events in this range."));

        assertThat(browser.driver().findElement(By.id("chart")).getAttribute("data-points"))
                .isEqualTo("24");
        assertThat(text("total-users")).isEqualTo("0");
    }

    @Test
    void the_zone_switch_shows_times_in_the_browsers_zone_instead_of_utc() {
        open();
        browser.waiting(WAIT)
                .until(ExpectedConditions.textMatches(By.id("tiles-as-of"), pattern(".* UTC")));

        browser.driver().findElement(By.id("local-zone")).click();

        browser.waiting(WAIT)
                .until(
                        ExpectedConditions.not(
                                ExpectedConditions.textMatches(
                                        By.id("tiles-as-of"), pattern(".* UTC"))));
        assertThat(text("range-span")).doesNotContain("UTC");
        assertThat(text("zone-name")).startsWith("times in the browser's zone (");
    }

    @Test
    void the_engagement_view_shows_dau_wau_mau_stickiness_and_weekly_cohorts_as_the_api_answers() {
        open();
        browser.waiting(WAIT)
                .until(
                        ExpectedConditions.attributeToBe(
                                By.id("active-chart"), "data-points", "90"));
        browser.waiting(WAIT)
                .until(ExpectedConditions.attributeToBeNotEmpty(table("retention"), "data-rows"));

        String days = browser.driver().findElement(By.id("active-csv")).getAttribute("data-query");
        JsonNode mau =
                json(
                        http.get("/analytics/active?" + days + "&window=30d", "application/json")
                                .body());
        JsonNode wau =
                json(
                        http.get("/analytics/active?" + days + "&window=7d", "application/json")
                                .body());
        JsonNode last = mau.get(mau.size() - 1);
        String cohorts =
                browser.driver().findElement(By.id("retention-csv")).getAttribute("data-query");
        JsonNode triangle =
                json(http.get("/analytics/retention?" + cohorts, "application/json").body());
        ((JavascriptExecutor) browser.driver())
                .executeScript("document.querySelector('.engagement').scrollIntoView()");
        browser.screenshot("dashboard-engagement");

        assertThat(last.get("active_users").asLong()).isEqualTo(23);
        assertThat(browser.driver().findElement(By.id("stickiness")).getAttribute("data-value"))
                .isEqualTo(String.format(Locale.ROOT, "%.4f", last.get("stickiness").asDouble()));
        assertThat(downloaded("active-csv").lines().toList())
                .hasSize(1 + 90)
                .first()
                .isEqualTo("time,dau,wau,mau,stickiness");
        assertThat(downloaded("active-csv").lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo(
                        String.join(
                                ",",
                                last.get("time").asText(),
                                last.get("dau").asText(),
                                wau.get(wau.size() - 1).get("active_users").asText(),
                                last.get("active_users").asText(),
                                String.format(
                                        Locale.ROOT, "%.4f", last.get("stickiness").asDouble())));
        List<WebElement> rows = table("retention").findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(triangle.size());
        assertThat(rows.get(rows.size() - 1).findElements(By.tagName("td")).get(1).getText())
                .isEqualTo(triangle.get(triangle.size() - 1).get("users").asText())
                .isEqualTo("23");
        assertThat(downloaded("retention-csv"))
                .isEqualTo(http.get("/analytics/retention?" + cohorts, "text/csv").body());
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static WebElement table(String id) {
        return browser.driver().findElement(By.id(id));
    }

    private static String downloaded(String link) {
        return ((JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(document.getElementById(arguments[0]).href)"
                                + ".then(r => r.text()).then(done);",
                        link)
                .toString();
    }

    @Test
    void the_api_docs_page_lists_the_routes_of_openapi_json() {
        browser.driver().get("http://127.0.0.1:" + pipeline.pipeline().port() + "/docs");

        browser.waiting(WAIT)
                .until(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("[id='operations-query-getSeries']")));
        browser.screenshot("dashboard-docs");

        assertThat(browser.driver().findElements(By.cssSelector(".opblock")).size())
                .isGreaterThanOrEqualTo(5);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void the_pages_forbid_inline_scripts_framing_and_sniffing_and_still_run() {
        for (String page : List.of("/", "/docs")) {
            HttpResponse<String> answer = http.get(page);

            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .get()
                    .asString()
                    .contains("default-src 'self'", "script-src 'self';", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-eval");
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.body()).doesNotContain("<script>");
        }
    }

    @Test
    void the_first_complete_render_is_measured_in_the_browser() {
        open();
        browser.waiting(WAIT)
                .until(
                        driver ->
                                ((JavascriptExecutor) driver)
                                        .executeScript(
                                                "return performance.getEntriesByName('dashboard-rendered').length")
                                        .equals(1L));

        Object millis =
                ((JavascriptExecutor) browser.driver())
                        .executeScript(
                                "return performance.getEntriesByName('dashboard-rendered')[0].startTime");

        System.out.printf(
                "DashboardIT: first complete render (tiles and the default chart) %.0f ms after"
                        + " navigation start%n",
                ((Number) millis).doubleValue());
        assertThat(((Number) millis).doubleValue()).isPositive();
    }

    private static void open() {
        browser.driver().get("http://127.0.0.1:" + pipeline.pipeline().port() + "/");
        browser.consoleErrors();
    }

    private static void chooseCustom(String from, String to, String step) {
        new Select(browser.driver().findElement(By.id("preset"))).selectByValue("custom");
        ((JavascriptExecutor) browser.driver())
                .executeScript(
                        "document.getElementById('from').value = arguments[0];"
                                + "document.getElementById('to').value = arguments[1];",
                        from,
                        to);
        new Select(browser.driver().findElement(By.id("step"))).selectByVisibleText(step);
        browser.driver().findElement(By.id("apply")).click();
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static long shown(String id) {
        return Long.parseLong(text(id).replace(",", ""));
    }

    private static Pattern pattern(String regex) {
        return Pattern.compile(regex);
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
