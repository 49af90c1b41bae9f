package org.creativelabs.devstack;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EmbeddedPostgresServer embedded;
    private KeycloakServer keycloak;
    private MailSink mail;

    private Launcher(Path root) {
        this.root = root;
        String configured = System.getenv("CLP_DEVSTACK_HOME");
        this.home = configured == null || configured.isBlank()
                ? root.resolve(".devstack")
                : Path.of(configured).toAbsolutePath();
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
        DatabaseBootstrap bootstrap = new DatabaseBootstrap(server, logins);
        if (fresh) {
            // A server of one's own (CLP_DATABASE_URL) keeps its databases: --fresh starts them over there too.
            bootstrap.recreate();
        } else {
            bootstrap.bootstrap();
        }
        String jdbcUrl = server.jdbcUrl(logins.database());

        int keycloakPort = port("KEYCLOAK_PORT", 8180);
        System.out.println("devstack: starting Keycloak " + KeycloakServer.VERSION + " on port " + keycloakPort
                + " (its own database '" + env("CLP_KEYCLOAK_DATABASE", "keycloak") + "'; log: "
                + home.resolve("logs/keycloak.log") + ")");
        String keycloakDatabase = env("CLP_KEYCLOAK_DATABASE", "keycloak");
        if (fresh) {
            KeycloakServer.dropDatabase(server, keycloakDatabase);
        }
        keycloak = KeycloakServer.start(
                KeycloakServer.distribution(),
                server,
                keycloakDatabase,
                keycloakPort,
                port("KEYCLOAK_MANAGEMENT_PORT", 9180),
                secrets.get("KEYCLOAK_ADMIN_PASSWORD"),
                home.resolve("logs/keycloak.log"));

        int smtpPort = port("CLP_SMTP_PORT", 3025);
        mail = MailSink.start(smtpPort, home.resolve("mail"));
        System.out.println(
                "devstack: SMTP sink (GreenMail) on port " + smtpPort + ": e-mails land in " + home.resolve("mail"));

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
        core.put("TENANT_ADMIN_URL", "http://127.0.0.1:" + adminPort);
        core.put("PLATFORM_CORE_CLIENT_SECRET", secrets.get("PLATFORM_CORE_CLIENT_SECRET"));
        startService("platform-core", core, corePort);

        Map<String, String> admin = new LinkedHashMap<>();
        admin.put("PLATFORM_DB_URL", jdbcUrl);
        admin.put("TENANT_ADMIN_DB_USER", logins.tenantAdmin());
        admin.put("TENANT_ADMIN_PORT", String.valueOf(adminPort));
        admin.put("PLATFORM_CORE_URL", coreUrl);
        admin.put("KEYCLOAK_URL", keycloak.url());
        admin.put("KEYCLOAK_ADMIN_PASSWORD", secrets.get("KEYCLOAK_ADMIN_PASSWORD"));
        admin.put("KEYCLOAK_DEV_CLIENTS", "true");
        // people sign in through the gateway at either name of this machine
        admin.put(
                "GATEWAY_REDIRECT_URIS",
                "http://localhost:" + gatewayPort + "/*,http://127.0.0.1:" + gatewayPort + "/*");
        admin.put("GATEWAY_CLIENT_SECRET", secrets.get("GATEWAY_CLIENT_SECRET"));
        admin.put("TENANT_ADMIN_CLIENT_SECRET", secrets.get("TENANT_ADMIN_CLIENT_SECRET"));
        admin.put("PROVISIONER_CLIENT_SECRET", secrets.get("PROVISIONER_CLIENT_SECRET"));
        admin.put("PLATFORM_CORE_CLIENT_SECRET", secrets.get("PLATFORM_CORE_CLIENT_SECRET"));
        admin.put("SMTP_HOST", "127.0.0.1");
        admin.put("SMTP_PORT", String.valueOf(smtpPort));
        startService("tenant-admin", admin, adminPort);

        Map<String, String> gateway = new LinkedHashMap<>();
        gateway.put("GATEWAY_PORT", String.valueOf(gatewayPort));
        gateway.put("PLATFORM_CORE_URL", coreUrl);
        gateway.put("TENANT_ADMIN_URL", "http://127.0.0.1:" + adminPort);
        gateway.put("KEYCLOAK_URL", keycloak.url());
        gateway.put("GATEWAY_CLIENT_SECRET", secrets.get("GATEWAY_CLIENT_SECRET"));
        startService("gateway", gateway, gatewayPort);

        new DemoLabs(http, coreUrl, "http://127.0.0.1:" + adminPort, keycloak, secrets).seed();

        System.out.printf(
                """

                Creative Labs Platform is running (Ctrl-C stops everything).
                  gateway        http://localhost:%1$d           e.g. http://localhost:%1$d/labs/osh/spaces
                  pages          http://localhost:%1$d/login     (coordinators land in /console/, UNDP in /undp/)
                  platform-core  http://localhost:%2$d  (OpenAPI: /v3/api-docs)
                  tenant-admin   http://localhost:%3$d  (OpenAPI: /v3/api-docs)
                  Keycloak       %4$s  (admin console: admin / see .devstack/dev.env)
                  PostgreSQL     %5$s  (logins %6$s, %7$s, %8$s)
                  logs           %9$s
                  e-mails        %11$s  (invitations of the labs' first admins, from the SMTP sink)
                Demo labs, provisioned through tenant-admin: osh, jalal-abad, batken and kochkor (a Naryn village lab).
                Demo logins (password: %10$s):
                  %12$s  platform-coordinator
                  %13$s  undp-viewer
                  <lab>.admin@example.org    lab-admin of that lab, e.g. osh.admin@example.org
                  <lab>.resident@example.org resident of that lab, e.g. osh.resident@example.org
                A token for the API, e.g. as Osh's resident:
                  curl -s -d grant_type=password -d client_id=clp-dev -d 'scope=openid organization' -d username=osh.resident@example.org -d password=%10$s \\
                    %4$s/realms/creative-labs/protocol/openid-connect/token
                """,
                gatewayPort,
                corePort,
                adminPort,
                keycloak.url(),
                jdbcUrl,
                logins.runtime(),
                logins.migrator(),
                logins.tenantAdmin(),
                home.resolve("logs"),
                secrets.get("DEMO_PASSWORD"),
                home.resolve("mail"),
                DemoLabs.COORDINATOR,
                DemoLabs.UNDP_VIEWER);
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
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
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
        if (mail != null) {
            mail.close();
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
}
