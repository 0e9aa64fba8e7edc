package io.useranalytics.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * GET /openapi.json: the OpenAPI 3 description of one server, made of the routes every server has
 * ({@value #COMMON}) and the parts of the services it hosts, each a classpath resource.
 */
public final class OpenApiDocument {
    public static final String PATH = "/openapi.json";
    static final String COMMON = "openapi/common.json";

    private OpenApiDocument() {}

    /** The merged document: paths and component definitions of every part. */
    public static ObjectNode merge(List<String> resources) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode document = (ObjectNode) read(mapper, COMMON);
        for (String resource : resources) {
            JsonNode part = read(mapper, resource);
            ((ObjectNode) document.get("paths")).setAll((ObjectNode) part.path("paths"));
            part.path("components")
                    .fields()
                    .forEachRemaining(
                            kind ->
                                    document.withObject("/components")
                                            .withObject("/" + kind.getKey())
                                            .setAll((ObjectNode) kind.getValue()));
        }
        return document;
    }

    static void install(RoutesConfig routes, List<String> resources) {
        String body = merge(resources).toPrettyString();
        GetRoute.add(
                routes, PATH, ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(body));
    }

    private static JsonNode read(ObjectMapper mapper, String resource) {
        try (InputStream in =
                OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " on the classpath");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
