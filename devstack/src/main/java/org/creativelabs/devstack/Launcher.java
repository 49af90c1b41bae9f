package org.creativelabs.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.realm.CreativeLabsRealm;
import org.creativelabs.realm.RealmReconciler;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * Runs the whole platform locally: PostgreSQL (embedded with a data folder kept under {@code .devstack/},
 * unless {@code CLP_DATABASE_URL} names a server), Keycloak (its own database there, so kept or wiped with it), then
 * platform-core, tenant-admin and the gateway, each started after the previous one is ready; seeds a demo lab and
 * demo accounts; prints the URLs and logins; stops everything on Ctrl-C. Dev secrets live in {@code .devstack/dev.env}.
 * Dev only: never part of a deployed service.
 */
public final class Launcher {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path root;
    private final Path home;
    private final List<Process> services = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EmbeddedPostgresServer embedded;
    private KeycloakServer keycloak;

    private Launcher(Path root) {
        this.root = root;
        this.home = root.resolve(".devstack");
    }

    public static void main(String[] args) throws Exception {
        Launcher launcher = new Launcher(Path.of("").toAbsolutePath());
        boolean fresh = List.of(args).contains("--fresh");
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "devstack-stop"));
        try {
            launcher.start(fresh);
        } catch (Exception e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(1); // the shutdown hook stops whatever had started
        }
        Thread.currentThread().join(); // until Ctrl-C
    }

    private void start(boolean fresh) throws Exception {
        Files.createDirectories(home.resolve("logs"));
        PostgresServer server = startPostgres(fresh);
        DevSecrets secrets = DevSecrets.load(home.resolve("dev.env"));
        DatabaseLogins logins = DatabaseLogins.withPrefix(env("CLP_DATABASE_NAME", "clp"));
        new DatabaseBootstrap(server, logins).bootstrap();
        String jdbcUrl = server.jdbcUrl(logins.database());

        int keycloakPort = port("KEYCLOAK_PORT", 8180);
        System.out.println("devstack: starting Keycloak " + KeycloakServer.VERSION + " on port " + keycloakPort
                + " (its own database 'keycloak'; log: " + home.resolve("logs/keycloak.log") + ")");
        keycloak = KeycloakServer.start(KeycloakServer.distribution(), server, "keycloak", keycloakPort,
                port("KEYCLOAK_MANAGEMENT_PORT", 9180), secrets.get("KEYCLOAK_ADMIN_PASSWORD"), home.resolve("logs/keycloak.log"));

        int corePort = port("PLATFORM_CORE_PORT", 8081);
        int adminPort = port("TENANT_ADMIN_PORT", 8082);
        int gatewayPort = port("GATEWAY_PORT", 8080);
        String coreUrl = "http://127.0.0.1:" + corePort;

        Map<String, String> core = new LinkedHashMap<>();
        core.put("PLATFORM_DB_URL", jdbcUrl);
        core.put("PLATFORM_DB_RUNTIME_USER", logins.runtime());
        core.put("PLATFORM_DB_MIGRATOR_USER", logins.migrator());
        core.put("PLATFORM_CORE_PORT", String.valueOf(corePort));
        core.put("KEYCLOAK_URL", keycloak.url());
        startService("platform-core", core, corePort);

        Map<String, String> admin = new LinkedHashMap<>();
        admin.put("PLATFORM_DB_URL", jdbcUrl);
        admin.put("TENANT_ADMIN_DB_USER", logins.tenantAdmin());
        admin.put("TENANT_ADMIN_PORT", String.valueOf(adminPort));
        admin.put("PLATFORM_CORE_URL", coreUrl);
        admin.put("KEYCLOAK_URL", keycloak.url());
        admin.put("KEYCLOAK_ADMIN_PASSWORD", secrets.get("KEYCLOAK_ADMIN_PASSWORD"));
        admin.put("KEYCLOAK_DEV_CLIENTS", "true");
        admin.put("GATEWAY_REDIRECT_URIS", "http://localhost:" + gatewayPort + "/*");
        admin.put("GATEWAY_CLIENT_SECRET", secrets.get("GATEWAY_CLIENT_SECRET"));
        admin.put("TENANT_ADMIN_CLIENT_SECRET", secrets.get("TENANT_ADMIN_CLIENT_SECRET"));
        admin.put("PROVISIONER_CLIENT_SECRET", secrets.get("PROVISIONER_CLIENT_SECRET"));
        startService("tenant-admin", admin, adminPort);

        Map<String, String> gateway = new LinkedHashMap<>();
        gateway.put("GATEWAY_PORT", String.valueOf(gatewayPort));
        gateway.put("PLATFORM_CORE_URL", coreUrl);
        startService("gateway", gateway, gatewayPort);

        new DemoData(http, coreUrl, keycloak, secrets).seed();

        System.out.printf("""

                Creative Labs Platform is running (Ctrl-C stops everything).
                  gateway        http://localhost:%1$d           e.g. http://localhost:%1$d/labs/osh/spaces
                  platform-core  http://localhost:%2$d  (OpenAPI: /v3/api-docs)
                  tenant-admin   http://localhost:%3$d  (OpenAPI: /v3/api-docs)
                  Keycloak       %4$s  (admin console: admin / see .devstack/dev.env)
                  PostgreSQL     %5$s  (logins %6$s, %7$s, %8$s)
                  logs           %9$s
                Demo lab: osh (Women Creative Lab Osh) with its spaces; Keycloak organization 'osh'.
                Demo logins (password: %10$s):
                  %11$s  platform-coordinator
                  %12$s  undp-viewer
                  %13$s  lab-admin of osh
                  %14$s  resident of osh
                A token for the API, e.g. as the resident:
                  curl -s -d grant_type=password -d client_id=clp-dev -d 'scope=openid organization' -d username=%14$s -d password=%10$s \\
                    %4$s/realms/creative-labs/protocol/openid-connect/token
                """, gatewayPort, corePort, adminPort, keycloak.url(), jdbcUrl, logins.runtime(), logins.migrator(),
                logins.tenantAdmin(), home.resolve("logs"), secrets.get("DEMO_PASSWORD"), DemoData.COORDINATOR,
                DemoData.UNDP_VIEWER, DemoData.OSH_ADMIN, DemoData.OSH_RESIDENT);
    }

    private PostgresServer startPostgres(boolean fresh) throws IOException {
        String url = System.getenv("CLP_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            System.out.println("devstack: using the PostgreSQL server at " + url);
            return PostgresServer.fromJdbcUrl(url);
        }
        Path data = home.resolve("postgres");
        if (fresh && Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        boolean keep = Files.exists(data.resolve("PG_VERSION"));
        Files.createDirectories(data);
        int port = port("CLP_EMBEDDED_PG_PORT", 15432);
        System.out.println("devstack: starting embedded PostgreSQL 15 on port " + port
                + (keep ? " (keeping data in " : " (new data folder ") + data + ")");
        embedded = EmbeddedPostgresServer.start(data, port, true);
        return embedded.server();
    }

    private void startService(String name, Map<String, String> environment, int port) throws Exception {
        Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
        Path log = home.resolve("logs").resolve(name + ".log");
        long started = System.nanoTime();
        System.out.println("devstack: starting " + name + " on port " + port + " (log: " + log + ")");
        services.add(ChildProcesses.startService(name, jar, environment, port, log, READY_TIMEOUT));
        System.out.printf("devstack: %s is ready (%d s)%n", name, (System.nanoTime() - started) / 1_000_000_000);
    }

    /** Services stop in reverse order, each given time for a graceful shutdown; then PostgreSQL. */
    private void stop() {
        List<Process> running = new ArrayList<>(services);
        Collections.reverse(running);
        running.forEach(ChildProcesses::stop);
        if (keycloak != null) {
            keycloak.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        System.out.println("devstack: stopped");
    }


    private static int port(String variable, int fallback) {
        return Integer.parseInt(env(variable, String.valueOf(fallback)));
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * The Osh demo lab through platform-core's internal tenant API (with the provisioner's client-credentials token),
     * its Keycloak organization, and demo accounts. Repeating it changes nothing.
     * TODO(provisioning issue): provision Osh, Jalal-Abad, Batken and a Naryn village lab through tenant-admin.
     */
    record DemoData(HttpClient http, String coreUrl, KeycloakServer keycloak, DevSecrets secrets) {

        static final UUID OSH = UUID.nameUUIDFromBytes("creative-labs:demo-lab:osh".getBytes(StandardCharsets.UTF_8));
        static final String COORDINATOR = "coordinator@example.org";
        static final String UNDP_VIEWER = "undp.viewer@example.org";
        static final String OSH_ADMIN = "osh.admin@example.org";
        static final String OSH_RESIDENT = "osh.resident@example.org";

        void seed() throws Exception {
            String realm = CreativeLabsRealm.NAME;
            String password = secrets.get("DEMO_PASSWORD");
            try (Keycloak admin = keycloak.admin()) {
                KeycloakUsers.ensure(admin, realm, COORDINATOR, password, CreativeLabsRealm.COORDINATOR);
                KeycloakUsers.ensure(admin, realm, UNDP_VIEWER, password, CreativeLabsRealm.UNDP_VIEWER);
                String oshAdmin = KeycloakUsers.ensure(admin, realm, OSH_ADMIN, password);
                String oshResident = KeycloakUsers.ensure(admin, realm, OSH_RESIDENT, password);
                String organization = new RealmReconciler(admin).ensureOrganization(realm, OSH.toString(), "osh",
                        "Women Creative Lab Osh");
                var members = admin.realm(realm).organizations().get(organization).members();
                for (String member : List.of(oshAdmin, oshResident)) {
                    if (members.list(-1, -1).stream().noneMatch(m -> m.getId().equals(member))) {
                        members.addMember(member).close();
                    }
                }
                String token = provisionerToken();
                post(token, "/internal/tenants", "{\"labId\":\"" + OSH + "\",\"slug\":\"osh\"}", null);
                post(token, "/internal/tenants/" + OSH + "/migrate", null, null);
                post(token, "/internal/tenants/" + OSH + "/members", "{\"subject\":\"" + oshAdmin + "\",\"roles\":[\"lab-admin\"]}", null);
                post(token, "/internal/tenants/" + OSH + "/members", "{\"subject\":\"" + oshResident + "\",\"roles\":[\"resident\"]}", null);
                post(token, "/internal/tenants/" + OSH + "/resume", null, null);
                String adminToken = userToken(OSH_ADMIN, password);
                String[][] spaces = {
                        {"Felt and textile studio", "STUDIO", "8", "Shyrdak and ala-kiyiz work tables, two looms"},
                        {"Photo and video corner", "ROOM", "4", "Backdrops, lights and a camera kit"},
                        {"Coworking desk 1", "DESK", "1", "By the window"},
                        {"Coworking desk 2", "DESK", "1", "Near the kitchen"},
                        {"Sewing machine", "EQUIPMENT", "1", "Industrial straight-stitch machine"}};
                for (String[] s : spaces) {
                    String body = "{\"name\":\"%s\",\"kind\":\"%s\",\"capacity\":%s,\"description\":\"%s\"}".formatted(s[0], s[1], s[2], s[3]);
                    post(adminToken, "/api/labs/osh/spaces", body, "demo-space:" + s[0]);
                }
                // Plans for the move to partial self-financing: residents rent space from their own income.
                String[][] plans = {
                        {"Resident", "Studio and desk time for residents in the programme", "40", "0"},
                        {"Graduate renting space", "For graduates renting space from their own income", "60", "1500"},
                        {"Network member", "Drop-in time for ambassadors, mentors and the wider network", "8", "300"}};
                for (String[] p : plans) {
                    String body = "{\"name\":\"%s\",\"description\":\"%s\",\"monthlyBookingHours\":%s,\"monthlyFeeKgs\":%s}"
                            .formatted(p[0], p[1], p[2], p[3]);
                    post(adminToken, "/api/labs/osh/plans", body, "demo-plan:" + p[0]);
                }
                brand(adminToken);
            }
        }

        /** Names the demo lab (only while it still has the default name, so a later edit is kept). */
        private void brand(String adminToken) throws Exception {
            HttpResponse<String> current = http.send(HttpRequest.newBuilder(URI.create(coreUrl + "/api/labs/osh/public/branding"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (!current.body().contains("\"displayName\":\"Creative Lab\"")) {
                return;
            }
            String version = current.body().replaceAll(".*\"version\":(\\d+).*", "$1");
            String body = ("{\"displayName\":\"Women Creative Lab Osh\",\"primaryColor\":\"#6B2D5C\",\"accentColor\":\"#F2B134\","
                    + "\"defaultLanguage\":\"ky\",\"timeZone\":\"Asia/Bishkek\",\"address\":\"Osh\",\"version\":%s}").formatted(version);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(coreUrl + "/api/labs/osh/branding"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken)
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Branding the demo lab failed: " + response.statusCode() + " " + response.body());
            }
        }

        private String provisionerToken() {
            try (Keycloak client = KeycloakBuilder.builder().serverUrl(keycloak.url()).realm(CreativeLabsRealm.NAME)
                    .clientId(CreativeLabsRealm.PROVISIONER_CLIENT).clientSecret(secrets.get("PROVISIONER_CLIENT_SECRET"))
                    .grantType("client_credentials").build()) {
                return client.tokenManager().getAccessTokenString();
            }
        }

        private String userToken(String username, String password) {
            try (Keycloak user = KeycloakBuilder.builder().serverUrl(keycloak.url()).realm(CreativeLabsRealm.NAME)
                    .clientId(CreativeLabsRealm.DEV_CLIENT).username(username).password(password).grantType("password").build()) {
                return user.tokenManager().getAccessTokenString();
            }
        }

        private void post(String token, String path, String json, String idempotencyKey) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(coreUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Seeding " + path + " failed: " + response.statusCode() + " " + response.body());
            }
        }
    }
}
