package org.creativelabs.devstack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Access tokens for the benchmarks, from the launcher's Keycloak: a demo login's, or a service account's. */
final class BenchTokens {

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchTokens() {}

    /** A person's token (the dev client's password grant). */
    static String person(String keycloak, String username, String password) throws IOException, InterruptedException {
        return token(
                keycloak,
                "grant_type=password&client_id=clp-dev&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    /** A service account's token (client credentials). */
    static String service(String keycloak, String clientId, String secret) throws IOException, InterruptedException {
        return token(
                keycloak,
                "grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                        + URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }

    private static String token(String keycloak, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(keycloak + "/realms/creative-labs/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token: " + response.body());
        }
        return response.body().replaceAll("(?s).*\"access_token\":\"([^\"]+)\".*", "$1");
    }
}
