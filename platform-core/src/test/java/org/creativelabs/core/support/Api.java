package org.creativelabs.core.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests: real requests to the running service with real Keycloak tokens, nothing mocked.
 * By default it acts as the platform (a provisioner client token) on {@code /internal/**} and as the test labs'
 * admin on everything else; {@link #as} and {@link #anonymous} pick another caller.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Function<String, String> tokenForPath;

    public Api(int port) {
        this(
                "http://127.0.0.1:" + port,
                path -> path.startsWith("/internal/")
                        ? TestAccounts.provisionerToken()
                        : TestAccounts.tokenOf(TestAccounts.labAdmin()));
    }

    private Api(String base, Function<String, String> tokenForPath) {
        this.base = base;
        this.tokenForPath = tokenForPath;
    }

    /** The same API, called with this bearer token everywhere. */
    public Api as(String token) {
        return new Api(base, path -> token);
    }

    public Api anonymous() {
        return new Api(base, path -> null);
    }

    public Reply get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Reply post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Reply put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    public Reply send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (body instanceof byte[] bytes) { // an upload, e.g. a logo: sent as PNG unless the caller says otherwise
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (!headers.containsKey("Content-Type")) {
                request.header("Content-Type", "image/png");
            }
        } else {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            request.method(
                    method,
                    text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
        }
        String token = tokenForPath.apply(path);
        if (token != null && !headers.containsKey("Authorization")) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    new String(response.body(), java.nio.charset.StandardCharsets.ISO_8859_1),
                    response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    public record Reply(int status, String contentType, String location, String latin1Body, byte[] bytes) {

        public String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body());
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body();
        }
    }
}
