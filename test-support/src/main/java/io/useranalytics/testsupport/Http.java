package io.useranalytics.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Real HTTP against a service under test on 127.0.0.1. */
public final class Http {
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> post(String pathAndQuery) {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    public HttpResponse<String> get(String pathAndQuery, String accept) {
        return send(request(pathAndQuery).header("Accept", accept).GET().build());
    }

    public HttpResponse<String> send(String method, String pathAndQuery) {
        return send(
                request(pathAndQuery).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Any request: {@code headers} as name, value pairs. */
    public HttpResponse<String> send(
            String method,
            String pathAndQuery,
            HttpRequest.BodyPublisher body,
            Map<String, String> headers) {
        HttpRequest.Builder request = request(pathAndQuery).method(method, body);
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> post(
            String pathAndQuery, byte[] body, Map<String, String> headers) {
        return send("POST", pathAndQuery, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    public HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) {
        return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody(), headers);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
