package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.common.config.Env;
import io.useranalytics.testsupport.LocalService;
import io.useranalytics.testsupport.RealPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** query-api serves the dashboard and Swagger UI itself: no CDN, a small page. */
class DashboardAssetsIT {
    private static final int MAX_PAGE_BYTES = 200 * 1024;

    @RegisterExtension static final RealPostgres postgres = new RealPostgres();

    private static LocalService<QueryApp> query;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>(postgres.env());
        // No writer runs here to migrate the schema first.
        env.put("DATABASE_MIGRATE", "true");
        env.put("HTTP_PORT", "0");
        query =
                LocalService.start(
                        registry -> QueryApp.connect(QueryConfig.from(new Env(env)), registry));
    }

    @AfterAll
    static void stop() {
        query.close();
    }

    @Test
    void the_page_and_everything_it_loads_come_from_this_server_in_under_200_kb_compressed()
            throws Exception {
        HttpResponse<byte[]> page = gzipped("/");
        String html = query.http().get("/").body();
        List<String> loaded = references(html);

        long total = page.body().length;
        for (String path : loaded) {
            HttpResponse<byte[]> asset = gzipped(path);
            assertThat(asset.statusCode()).as(path).isEqualTo(200);
            total += asset.body().length;
        }

        System.out.printf(
                "DashboardAssetsIT: the page and %s weigh %d bytes gzipped%n", loaded, total);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(loaded)
                .containsExactly(
                        "/assets/uplot.css",
                        "/assets/dashboard.css",
                        "/assets/uplot.js",
                        "/assets/dashboard.js");
        assertThat(html).doesNotContain("http://", "https://");
        assertThat(total).isLessThanOrEqualTo(MAX_PAGE_BYTES);
    }

    @Test
    void the_api_docs_are_swagger_ui_over_this_servers_openapi_document() {
        String html = query.http().get("/docs").body();

        assertThat(references(html))
                .containsExactly(
                        "/assets/swagger-ui.css", "/assets/swagger-ui.js", "/assets/docs.js");
        assertThat(html).doesNotContain("<script>");
        assertThat(query.http().get("/assets/docs.js").body()).contains("url: \"/openapi.json\"");
        assertThat(query.http().get("/assets/swagger-ui.js").statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_asset_is_a_404_problem() {
        HttpResponse<String> response = query.http().get("/assets/secret.txt");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"detail\":\"no asset named secret.txt\"");
    }

    private HttpResponse<byte[]> gzipped(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + query.port() + path))
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The src and href paths a page loads, in order. */
    private static List<String> references(String html) {
        Matcher matcher = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"").matcher(html);
        List<String> paths = new ArrayList<>();
        while (matcher.find()) {
            paths.add(matcher.group(1));
        }
        return paths;
    }
}
