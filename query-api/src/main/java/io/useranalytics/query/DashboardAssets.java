package io.useranalytics.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.webjars.WebJarVersionLocator;

/**
 * The files of the dashboard and of the API's Swagger UI, served by query-api itself so that they
 * work without the internet: our page, script and style, and the chart library (uPlot) and Swagger
 * UI from their webjars. Read once from the classpath.
 */
final class DashboardAssets {
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    /**
     * Pages load scripts, styles and data from this server only, run no inline script, and are
     * never framed by another site. Inline styles stay allowed: uPlot and Swagger UI set them.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " img-src 'self' data:; connect-src 'self' blob:; object-src 'none';"
                    + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String contentType, byte[] body) {}

    private final Asset page;
    private final Asset docs;
    private final Map<String, Asset> files;

    private DashboardAssets(Asset page, Asset docs, Map<String, Asset> files) {
        this.page = page;
        this.docs = docs;
        this.files = Map.copyOf(files);
    }

    static DashboardAssets load() {
        WebJarVersionLocator webjars = new WebJarVersionLocator();
        return new DashboardAssets(
                ours("index.html", HTML),
                ours("docs.html", HTML),
                Map.of(
                        "dashboard.js", ours("dashboard.js", JS),
                        "docs.js", ours("docs.js", JS),
                        "dashboard.css", ours("dashboard.css", CSS),
                        "uplot.js", webjar(webjars, "uplot", "dist/uPlot.iife.min.js", JS),
                        "uplot.css", webjar(webjars, "uplot", "dist/uPlot.min.css", CSS),
                        "swagger-ui.js", webjar(webjars, "swagger-ui", "swagger-ui-bundle.js", JS),
                        "swagger-ui.css", webjar(webjars, "swagger-ui", "swagger-ui.css", CSS)));
    }

    /** GET /: the dashboard. */
    Handler page() {
        return ctx -> servePage(ctx, page);
    }

    /** GET /docs: Swagger UI over this server's /openapi.json. */
    Handler docs() {
        return ctx -> servePage(ctx, docs);
    }

    private static void servePage(Context ctx, Asset page) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                .contentType(page.contentType())
                .result(page.body());
    }

    /** GET /assets/{file}: one of the files above, else 404. */
    Handler file() {
        return ctx -> {
            String name = ctx.pathParam("file");
            Asset asset = files.get(name);
            if (asset == null) {
                throw new NotFoundResponse("no asset named " + name);
            }
            ctx.header("Cache-Control", "public, max-age=3600")
                    .contentType(asset.contentType())
                    .result(asset.body());
        };
    }

    private static Asset ours(String name, String contentType) {
        return read("dashboard/" + name, contentType);
    }

    private static Asset webjar(
            WebJarVersionLocator webjars, String webjar, String path, String contentType) {
        String fullPath = webjars.fullPath(webjar, path);
        if (fullPath == null) {
            throw new IllegalStateException("no " + path + " in webjar " + webjar);
        }
        return read(fullPath, contentType);
    }

    private static Asset read(String resource, String contentType) {
        try (InputStream in =
                DashboardAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " on the classpath");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
