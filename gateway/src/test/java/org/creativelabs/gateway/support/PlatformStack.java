package org.creativelabs.gateway.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.devstack.ChildProcesses;
import org.creativelabs.devstack.DatabaseLogins;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.devstack.TestPostgres;
import org.creativelabs.realm.CreativeLabsRealm;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform behind a gateway under test, for real: a PostgreSQL database, the test run's Keycloak, platform-core's
 * and tenant-admin's packaged jars as processes (the reactor builds them before the gateway), an SMTP sink for the
 * invitations; labs are opened through tenant-admin's provisioning API as a coordinator would. Gateways run in this
 * JVM, each its own application context.
 */
public final class PlatformStack implements AutoCloseable {

    public static final JsonMapper json = JsonMapper.builder().build();
    /**
     * HTTP/1.1 as browsers and wrk speak to the gateway: the JDK client's default first tries an h2c upgrade, and once
     * left eight concurrent requests waiting on it for good (CI hung in the flood test). Every request also has a
     * timeout, so a lost answer fails its test instead of holding the build.
     */
    public static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(10))
            .build();

    public static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(30);

    public record OpenedLab(UUID id, String slug) {}

    /** A person with an account and their token (password grant, dev client). */
    public record Person(String username, String token) {}

    private static PlatformStack shared;

    /** One platform for every test class of this JVM (starting one takes a minute), stopped when the JVM ends. */
    public static synchronized PlatformStack shared() throws Exception {
        if (shared == null) {
            shared = new PlatformStack();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /**
     * Ports kept for gateways that people sign in through: Keycloak sends a browser back only to the gateway
     * addresses the realm names, so these are given to tenant-admin (which applies the realm) before it starts.
     */
    public final List<Integer> loginPorts;

    private final DatabaseLogins logins = TestPostgres.database("clpt_gw");
    private final GreenMail mail;
    public final int corePort;
    public final int adminPort;
    private Process platformCore;
    private final Process tenantAdmin;
    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    public final String coordinator;

    public PlatformStack() throws Exception {
        mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        corePort = freePort();
        adminPort = freePort();
        loginPorts = List.of(freePort(), freePort(), freePort());
        platformCore = startPlatformCore();
        Map<String, String> admin = new HashMap<>();
        admin.put("PLATFORM_DB_URL", TestPostgres.server().jdbcUrl(logins.database()));
        admin.put("TENANT_ADMIN_DB_USER", logins.tenantAdmin());
        admin.put("TENANT_ADMIN_PORT", String.valueOf(adminPort));
        admin.put("PLATFORM_CORE_URL", "http://127.0.0.1:" + corePort);
        admin.put("KEYCLOAK_URL", TestKeycloak.url());
        admin.put("KEYCLOAK_RECONCILE_REALM", "true");
        admin.put("KEYCLOAK_ADMIN_PASSWORD", TestKeycloak.adminPassword());
        admin.put("KEYCLOAK_DEV_CLIENTS", "true");
        admin.put("GATEWAY_CLIENT_SECRET", TestKeycloak.secret(CreativeLabsRealm.GATEWAY_CLIENT));
        admin.put("TENANT_ADMIN_CLIENT_SECRET", TestKeycloak.secret(CreativeLabsRealm.TENANT_ADMIN_CLIENT));
        admin.put("PROVISIONER_CLIENT_SECRET", TestKeycloak.secret(CreativeLabsRealm.PROVISIONER_CLIENT));
        admin.put("PLATFORM_CORE_CLIENT_SECRET", TestKeycloak.secret(CreativeLabsRealm.PLATFORM_CORE_CLIENT));
        admin.put("SMTP_HOST", "127.0.0.1");
        admin.put("SMTP_PORT", String.valueOf(mail.getSmtp().getPort()));
        admin.put(
                "GATEWAY_REDIRECT_URIS",
                String.join(
                        ",",
                        loginPorts.stream()
                                .map(port -> "http://localhost:" + port + "/*")
                                .toList()));
        tenantAdmin =
                start("tenant-admin", Path.of("..", "tenant-admin", "target", "tenant-admin.jar"), admin, adminPort);
        coordinator = TestKeycloak.userToken(TestKeycloak.createUser("coordinator", CreativeLabsRealm.COORDINATOR));
    }

    private Process startPlatformCore() throws IOException, InterruptedException {
        Map<String, String> core = new HashMap<>();
        core.put("PLATFORM_DB_URL", TestPostgres.server().jdbcUrl(logins.database()));
        core.put("PLATFORM_DB_RUNTIME_USER", logins.runtime());
        core.put("PLATFORM_DB_MIGRATOR_USER", logins.migrator());
        core.put("KEYCLOAK_URL", TestKeycloak.url());
        core.put("PLATFORM_CORE_PORT", String.valueOf(corePort));
        core.put("PLATFORM_DB_POOL_SIZE", "8");
        // membership changes reach tenant-admin at once, so Keycloak's organizations (a person's labs) follow
        core.put("TENANT_ADMIN_URL", "http://127.0.0.1:" + adminPort);
        core.put("PLATFORM_CORE_CLIENT_SECRET", TestKeycloak.secret(CreativeLabsRealm.PLATFORM_CORE_CLIENT));
        // each lab's indicators reach tenant-admin's dashboards within a second or two
        core.put("PLATFORM_INDICATORS_RELAY_INTERVAL", "1s");
        return start("platform-core", Path.of("..", "platform-core", "target", "platform-core.jar"), core, corePort);
    }

    /** Stops platform-core (the gateway then answers 503); {@link #startPlatformCoreAgain()} brings it back. */
    public void stopPlatformCore() {
        ChildProcesses.stop(platformCore);
    }

    public void startPlatformCoreAgain() throws IOException, InterruptedException {
        platformCore = startPlatformCore();
    }

    /** A gateway in front of this platform, with these extra settings ({@code --name=value}). */
    public int gateway(String... settings) {
        return gatewayOn(0, settings);
    }

    /** A gateway on this port (one of {@link #loginPorts} for a gateway people sign in through). */
    public int gatewayOn(int port, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--management.server.port=0",
                "--platform.platform-core-url=http://127.0.0.1:" + corePort,
                "--platform.tenant-admin-url=http://127.0.0.1:" + adminPort,
                "--platform.security.issuer-uri=" + TestKeycloak.issuer(),
                "--platform.gateway.client-secret=" + TestKeycloak.secret(CreativeLabsRealm.GATEWAY_CLIENT)));
        // a setting given here replaces the default of the same name (repeated, Spring would join the two values)
        for (String setting : settings) {
            String name = setting.substring(0, setting.indexOf('=') + 1);
            arguments.removeIf(argument -> argument.startsWith(name));
            arguments.add(setting);
        }
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(
                        org.creativelabs.gateway.GatewayApplication.class)
                .run(arguments.toArray(String[]::new));
        gateways.add(gateway);
        return gateway.getEnvironment().getProperty("local.server.port", Integer.class);
    }

    /** A lab opened through tenant-admin (ACTIVE), with a space whose name marks it as this lab's. */
    public OpenedLab open(String prefix) throws Exception {
        return open(prefix, "Test");
    }

    /** A lab of this region opened through tenant-admin (ACTIVE). */
    public OpenedLab open(String prefix, String region) throws Exception {
        String slug = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        HttpResponse<String> accepted = send(
                "POST",
                "http://127.0.0.1:" + adminPort + "/api/labs",
                coordinator,
                Map.of(
                        "slug",
                        slug,
                        "name",
                        "Lab " + slug,
                        "region",
                        region,
                        "languages",
                        List.of("ky"),
                        "adminEmail",
                        slug + "@example.org"));
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(accepted.body());
        }
        String jobId = json.readTree(accepted.body()).get("id").asString();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = json.readTree(
                    send("GET", "http://127.0.0.1:" + adminPort + "/api/provisioning/jobs/" + jobId, coordinator, null)
                            .body());
            if (job.get("status").asString().equals("SUCCEEDED")) {
                return new OpenedLab(UUID.fromString(job.get("labId").asString()), slug);
            }
            if (job.get("status").asString().equals("FAILED")) {
                throw new IllegalStateException("provisioning " + slug + " failed: " + job);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(slug + " was not ACTIVE within 2 minutes");
    }

    /** A person with these roles in the lab (seated through platform-core's internal API), and their token. */
    public String member(OpenedLab lab, String... roles) throws Exception {
        return person(lab, roles).token();
    }

    /** A new person with these roles in the lab. */
    public Person person(OpenedLab lab, String... roles) throws Exception {
        String username = TestKeycloak.createUser(lab.slug() + "-member");
        seat(lab, username, roles);
        return new Person(username, TestKeycloak.userToken(username));
    }

    /** Gives a person these roles in a lab. */
    public void seat(OpenedLab lab, String username, String... roles) throws Exception {
        HttpResponse<String> seated = send(
                "POST",
                "http://127.0.0.1:" + corePort + "/internal/tenants/" + lab.id() + "/members",
                TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT),
                Map.of("subject", TestKeycloak.subjectOf(username), "roles", List.of(roles)));
        if (seated.statusCode() != 201) {
            throw new IllegalStateException(seated.body());
        }
    }

    public static HttpResponse<String> send(String method, String url, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process start(String name, Path jar, Map<String, String> environment, int port)
            throws IOException, InterruptedException {
        return ChildProcesses.startService(
                name,
                jar.toAbsolutePath().normalize(),
                environment,
                port,
                Files.createTempFile("clp-gw-" + name, ".log"),
                Duration.ofMinutes(3));
    }

    @Override
    public void close() {
        gateways.forEach(ConfigurableApplicationContext::close);
        ChildProcesses.stop(tenantAdmin);
        ChildProcesses.stop(platformCore);
        mail.stop();
    }
}
