package org.creativelabs.devstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.realm.CreativeLabsRealm;
import org.creativelabs.realm.RealmReconciler;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak of a test run: the one at {@code CLP_TEST_KEYCLOAK_URL} (started once by {@code .ci/run} and shared
 * by every module's tests), else one started for this JVM. The realm is applied from its code definition, with the
 * dev/test-only password-grant client, and fixed test secrets.
 */
public final class TestKeycloak {

    public static final String URL_VARIABLE = "CLP_TEST_KEYCLOAK_URL";
    public static final String ADMIN_PASSWORD_VARIABLE = "CLP_TEST_KEYCLOAK_ADMIN_PASSWORD";
    public static final String TEST_PASSWORD = "Test-password-1";

    private static final Logger log = LoggerFactory.getLogger(TestKeycloak.class);
    private static String url;
    private static String adminPassword;

    private TestKeycloak() {}

    public static synchronized String url() {
        if (url == null) {
            String given = System.getenv(URL_VARIABLE);
            if (given != null && !given.isBlank()) {
                url = given;
                adminPassword = System.getenv().getOrDefault(ADMIN_PASSWORD_VARIABLE, "admin");
                log.info("Tests use the Keycloak at {}", url);
            } else {
                KeycloakServer server = startForThisJvm();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
                url = server.url();
                adminPassword = server.adminPassword();
            }
            applyRealm(admin());
        }
        return url;
    }

    public static String adminPassword() {
        url();
        return adminPassword;
    }

    public static String issuer() {
        return url() + "/realms/" + CreativeLabsRealm.NAME;
    }

    public static Keycloak admin() {
        String server = url == null ? url() : url;
        return Keycloak.getInstance(server, "master", KeycloakServer.ADMIN_USER, adminPassword, "admin-cli");
    }

    public static String secret(String clientId) {
        return "test-secret-" + clientId;
    }

    public static Map<String, String> secrets() {
        return Map.of(
                CreativeLabsRealm.GATEWAY_CLIENT,
                secret(CreativeLabsRealm.GATEWAY_CLIENT),
                CreativeLabsRealm.TENANT_ADMIN_CLIENT,
                secret(CreativeLabsRealm.TENANT_ADMIN_CLIENT),
                CreativeLabsRealm.PROVISIONER_CLIENT,
                secret(CreativeLabsRealm.PROVISIONER_CLIENT),
                CreativeLabsRealm.PLATFORM_CORE_CLIENT,
                secret(CreativeLabsRealm.PLATFORM_CORE_CLIENT));
    }

    /** A new account with the test password and the given realm roles; returns its username. */
    public static String createUser(String prefix, String... realmRoles) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        KeycloakUsers.ensure(admin(), CreativeLabsRealm.NAME, username, TEST_PASSWORD, realmRoles);
        return username;
    }

    public static String subjectOf(String username) {
        return admin().realm(CreativeLabsRealm.NAME)
                .users()
                .searchByUsername(username, true)
                .get(0)
                .getId();
    }

    /** An access token of a user, through the dev/test-only password-grant client. */
    public static String userToken(String username) {
        try (Keycloak user = KeycloakBuilder.builder()
                .serverUrl(url())
                .realm(CreativeLabsRealm.NAME)
                .clientId(CreativeLabsRealm.DEV_CLIENT)
                .username(username)
                .password(TEST_PASSWORD)
                .grantType("password")
                .build()) {
            return user.tokenManager().getAccessTokenString();
        }
    }

    /** A user's token for the given scopes, e.g. {@code "openid organization"} for the organization claim. */
    public static String userToken(String username, String scope) {
        try (Keycloak user = KeycloakBuilder.builder()
                .serverUrl(url())
                .realm(CreativeLabsRealm.NAME)
                .clientId(CreativeLabsRealm.DEV_CLIENT)
                .username(username)
                .password(TEST_PASSWORD)
                .grantType("password")
                .scope(scope)
                .build()) {
            return user.tokenManager().getAccessTokenString();
        }
    }

    /** A client-credentials token of a service account client. */
    public static String clientToken(String clientId) {
        try (Keycloak client = KeycloakBuilder.builder()
                .serverUrl(url())
                .realm(CreativeLabsRealm.NAME)
                .clientId(clientId)
                .clientSecret(secret(clientId))
                .grantType("client_credentials")
                .build()) {
            return client.tokenManager().getAccessTokenString();
        }
    }

    static void applyRealm(Keycloak admin) {
        var definition = CreativeLabsRealm.definition(new CreativeLabsRealm.Settings(
                List.of("http://localhost:8080/*", "http://127.0.0.1:8080/*"), secrets(), true));
        new RealmReconciler(admin)
                .apply(
                        definition,
                        CreativeLabsRealm.serviceAccountRealmRoles(),
                        CreativeLabsRealm.serviceAccountManagementRoles());
    }

    private static KeycloakServer startForThisJvm() {
        try {
            Path logFile = Files.createTempFile("clp-test-keycloak", ".log");
            log.info("Starting Keycloak {} for this test JVM (log: {})", KeycloakServer.VERSION, logFile);
            return KeycloakServer.start(
                    KeycloakServer.distribution(),
                    TestPostgres.server(),
                    "clpt_keycloak",
                    freePort(),
                    freePort(),
                    "admin",
                    logFile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code .ci/run} starts one Keycloak for every module's tests with this: it prints the URL and runs until stopped. */
    public static void main(String[] args) throws Exception {
        String given = System.getenv(URL_VARIABLE);
        if (given != null && !given.isBlank()) {
            throw new IllegalStateException(URL_VARIABLE + " is set already");
        }
        long started = System.nanoTime();
        String ready = url();
        System.out.printf(
                "KEYCLOAK_READY %s (started and realm applied in %d s)%n",
                ready, (System.nanoTime() - started) / 1_000_000_000);
        Thread.currentThread().join();
    }
}
