package org.creativelabs.gateway.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as signing in needs one: cookies kept per host (like a browser, whatever the port; sent over plain
 * HTTP, as browsers do for localhost), redirects followed one at a time so each step can be looked at, forms posted.
 * Keycloak is reached as 127.0.0.1 and the gateway as localhost, so their cookies stay apart.
 */
public final class Browser {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern LOGIN_FORM_ACTION_FIRST =
            Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"");

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1) // as PlatformStack.http: no h2c upgrade attempts
            .connectTimeout(java.time.Duration.ofSeconds(10))
            .build();
    private final Map<String, Map<String, String>> cookies = new HashMap<>();

    public HttpResponse<String> get(String url, String... headers) throws Exception {
        return send(request(url, headers).GET().build());
    }

    public HttpResponse<String> post(String url, Map<String, String> form, String... headers) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(url, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> send(String method, String url, String json, String... headers) throws Exception {
        return send(request(url, headers)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Follows redirects from this response until one that is not a redirect (at most 10). */
    public HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
        for (int i = 0; i < 10 && isRedirect(response); i++) {
            response = get(location(response).toString());
        }
        return response;
    }

    public static boolean isRedirect(HttpResponse<String> response) {
        return response.statusCode() >= 301 && response.statusCode() <= 308;
    }

    /** The absolute address a redirect points to. */
    public static URI location(HttpResponse<String> response) {
        String location = response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in " + response.statusCode()));
        return response.uri().resolve(location);
    }

    /**
     * Signs in on Keycloak's login page, which this response (a redirect to Keycloak, or the page itself) leads to, and
     * returns Keycloak's answer to the credentials (a redirect back to the gateway when they are right). With
     * organizations on, Keycloak may ask for the e-mail first and the password on a second page: each login form it
     * shows is filled in again, at most three.
     */
    public HttpResponse<String> signInAtKeycloak(HttpResponse<String> toKeycloak, String username, String password)
            throws Exception {
        HttpResponse<String> page = follow(toKeycloak);
        for (int step = 0; step < 3 && page.statusCode() == 200; step++) {
            String action = loginFormAction(page);
            Map<String, String> credentials = new LinkedHashMap<>();
            credentials.put("username", username);
            credentials.put("password", password);
            credentials.put("credentialId", "");
            page = post(page.uri().resolve(action).toString(), credentials);
        }
        return page;
    }

    private static String loginFormAction(HttpResponse<String> page) {
        Matcher form = LOGIN_FORM.matcher(page.body());
        if (!form.find()) {
            form = LOGIN_FORM_ACTION_FIRST.matcher(page.body());
            if (!form.find()) {
                throw new AssertionError("no Keycloak login form at " + page.uri() + ": " + page.statusCode());
            }
        }
        return form.group(1).replace("&amp;", "&");
    }

    public String cookie(String host, String name) {
        return cookies.getOrDefault(host, Map.of()).get(name);
    }

    /** Puts a cookie into the jar by hand: a stolen one, say. */
    public void setCookie(String host, String name, String value) {
        cookies.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(name, value);
    }

    private HttpRequest.Builder request(String url, String... headers) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(PlatformStack.REQUEST_TIMEOUT);
        Map<String, String> jar = cookies.getOrDefault(uri.getHost(), Map.of());
        if (!jar.isEmpty()) {
            request.header(
                    "Cookie",
                    jar.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Map<String, String> jar = cookies.computeIfAbsent(request.uri().getHost(), h -> new LinkedHashMap<>());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            boolean expired = value.isEmpty()
                    || java.util.Arrays.stream(parts).anyMatch(p -> p.trim().equalsIgnoreCase("Max-Age=0"));
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return response;
    }
}
