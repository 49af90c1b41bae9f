package org.creativelabs.admin.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.creativelabs.devstack.ChildProcesses;
import org.creativelabs.devstack.DatabaseLogins;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.devstack.TestPostgres;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * tenant-admin on the real stack, shared by its integration tests (one Spring context): a real PostgreSQL, the real
 * Keycloak, platform-core's jar as a separate process and an SMTP sink. Keycloak and platform-core are reached through
 * proxies the tests can cut, so faults are injected without stopping the shared servers; {@link Faults} fails or slows
 * a chosen provisioning step. Helpers call the API as a given caller and wait for jobs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "platform.provisioning.max-attempts=1",
            "platform.provisioning.lease=3s",
            "platform.identity.sweep-page-size=2"
        })
@org.springframework.context.annotation.Import(TenantAdminStack.Faults.class)
public abstract class TenantAdminStack {

    protected static final JsonMapper json = JsonMapper.builder().build();
    protected static final HttpClient http = HttpClient.newHttpClient();

    static final DatabaseLogins logins = TestPostgres.database("clpt_prov");
    static final GreenMail mail;
    /** The platform-core replica behind the proxy; {@link #replacePlatformCore()} kills it and starts another. */
    static volatile Process platformCore;

    protected static final int platformCorePort;
    /** Known before the context starts: platform-core reports membership changes to it. */
    static final int tenantAdminPort;

    static final TcpProxy keycloakProxy;
    static final TcpProxy platformCoreProxy;
    /** platform-core reaches tenant-admin through this one: cutting it is tenant-admin being down, for platform-core. */
    protected static final TcpProxy tenantAdminProxy;

    static {
        try {
            mail = new GreenMail(new ServerSetup(ServiceProcesses.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            platformCorePort = ServiceProcesses.freePort();
            tenantAdminPort = ServiceProcesses.freePort();
            tenantAdminProxy = new TcpProxy(tenantAdminPort);
            platformCore = startPlatformCore();
            keycloakProxy = new TcpProxy(URI.create(TestKeycloak.url()).getPort());
            platformCoreProxy = new TcpProxy(platformCorePort);
            // Shared by every test class on this stack (one Spring context): stopped when the test JVM ends.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ChildProcesses.stop(platformCore);
                mail.stop();
                try {
                    keycloakProxy.close();
                    platformCoreProxy.close();
                    tenantAdminProxy.close();
                } catch (IOException e) {
                    // the JVM is ending anyway
                }
            }));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> tenantAdminPort);
        registry.add("spring.datasource.url", () -> TestPostgres.server().jdbcUrl(logins.database()));
        registry.add("spring.datasource.username", logins::tenantAdmin);
        registry.add("spring.datasource.password", () -> "");
        // Keycloak administration and platform-core go through the proxies; tokens are checked against Keycloak itself.
        registry.add("platform.keycloak.url", () -> "http://127.0.0.1:" + keycloakProxy.port());
        registry.add("platform.security.issuer-uri", TestKeycloak::issuer);
        registry.add(
                "spring.security.oauth2.client.provider.keycloak.token-uri",
                () -> TestKeycloak.issuer() + "/protocol/openid-connect/token");
        registry.add("platform.platform-core-url", () -> "http://127.0.0.1:" + platformCoreProxy.port());
        registry.add("platform.keycloak.admin-password", TestKeycloak::adminPassword);
        registry.add("platform.keycloak.dev-clients", () -> "true");
        registry.add("platform.keycloak.smtp.host", () -> "127.0.0.1");
        registry.add(
                "platform.keycloak.smtp.port",
                () -> String.valueOf(mail.getSmtp().getPort()));
        TestKeycloak.secrets()
                .forEach((client, secret) -> registry.add("platform.keycloak.client-secrets." + client, () -> secret));
    }

    /** Fails the chosen step once, the way a failing dependency would. */
    @org.springframework.boot.test.context.TestConfiguration
    public static class Faults {

        static final java.util.concurrent.atomic.AtomicReference<ProvisioningStep> failAt =
                new java.util.concurrent.atomic.AtomicReference<>();
        /** A step that takes longer than the lease (3 s here), like a slow Keycloak or platform-core call. */
        static final java.util.concurrent.atomic.AtomicReference<ProvisioningStep> slowAt =
                new java.util.concurrent.atomic.AtomicReference<>();

        @org.springframework.context.annotation.Bean
        StepFaults stepFaults() {
            return (step, labId) -> {
                if (slowAt.compareAndSet(step, null)) {
                    try {
                        Thread.sleep(6_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (failAt.compareAndSet(step, null)) {
                    throw step == ProvisioningStep.TEMPLATE
                            ? new org.springframework.dao.DataAccessResourceFailureException(
                                    "Injected: the database went away")
                            : new IllegalStateException("Injected: " + step + " failed");
                }
            };
        }
    }

    private static Process startPlatformCore() throws IOException, InterruptedException {
        return ServiceProcesses.platformCore(
                logins,
                platformCorePort,
                Map.of(
                        "TENANT_ADMIN_URL",
                        "http://127.0.0.1:" + tenantAdminProxy.port(),
                        "PLATFORM_INDICATORS_RELAY_INTERVAL",
                        "1s",
                        "PLATFORM_CORE_CLIENT_SECRET",
                        TestKeycloak.secret(CreativeLabsRealm.PLATFORM_CORE_CLIENT)));
    }

    /** Kills the platform-core replica (SIGKILL, nothing flushed) and starts a new one in its place, on the same database. */
    protected static void replacePlatformCore() throws IOException, InterruptedException {
        platformCore.destroyForcibly().waitFor();
        platformCore = startPlatformCore();
    }

    @LocalServerPort
    protected int port;

    @org.springframework.beans.factory.annotation.Autowired
    protected org.springframework.jdbc.core.JdbcTemplate jdbc;

    protected String coordinator;

    @BeforeEach
    void resetFaultsAndSignInACoordinator() {
        Faults.failAt.set(null);
        Faults.slowAt.set(null);
        keycloakProxy.restore();
        platformCoreProxy.restore();
        tenantAdminProxy.restore();
        coordinator = TestKeycloak.userToken(TestKeycloak.createUser("coordinator", CreativeLabsRealm.COORDINATOR));
    }

    protected Reply put(String path, Object body, String token) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))),
                token,
                Map.of());
    }

    protected static int publicPage(String slug) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platformCorePort + "/api/labs/" + slug
                                        + "/public/branding"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    protected Reply delete(String path) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .DELETE(),
                coordinator,
                Map.of());
    }

    protected static Map<String, Object> request(String slug, String email) {
        return Map.of(
                "slug",
                slug,
                "name",
                "Batken Creative Lab",
                "region",
                "Batken",
                "languages",
                List.of("ky", "ru"),
                "adminEmail",
                email);
    }

    protected static String labIdJob(Reply accepted) {
        return accepted.json().get("id").asString();
    }

    protected String labStatus(String slug) throws Exception {
        return get("/api/registry/labs", coordinator)
                .json()
                .valueStream()
                .filter(l -> l.get("slug").asString().equals(slug))
                .findFirst()
                .orElseThrow()
                .get("status")
                .asString();
    }

    /** The job once it has finished (SUCCEEDED or FAILED), polled through the API. */
    protected JsonNode awaitFinished(String jobId) {
        return Awaitility.await("job " + jobId + " to finish")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> get("/api/provisioning/jobs/" + jobId, coordinator)
                                .json(),
                        job -> List.of("SUCCEEDED", "FAILED")
                                .contains(job.get("status").asString()));
    }

    protected static void applyTemplate(UUID labId, Map<String, Object> template) throws Exception {
        HttpResponse<String> applied = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + platformCorePort + "/internal/tenants/" + labId + "/template"))
                        .header(
                                "Authorization",
                                "Bearer " + TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(template)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    }

    protected static JsonNode internal(String path) throws Exception {
        return json.readTree(internalCall(path).body());
    }

    protected static int internalStatus(String path) throws Exception {
        return internalCall(path).statusCode();
    }

    protected static HttpResponse<String> internalCall(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platformCorePort + path))
                        .header(
                                "Authorization",
                                "Bearer " + TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected Reply get(String path, String token) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET(),
                token,
                Map.of());
    }

    protected Reply post(String path, Object body, String token, Map<String, String> headers) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))),
                token,
                headers);
    }

    protected Reply send(HttpRequest.Builder request, String token, Map<String, String> headers) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Location").orElse(null),
                response.body());
    }

    protected record Reply(int status, String contentType, String header, String body) {

        public JsonNode json() {
            return TenantAdminStack.json.readTree(body);
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    protected static String uniqueSlug(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }
}
