package org.creativelabs.admin.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.creativelabs.devstack.ChildProcesses;
import org.creativelabs.devstack.DatabaseLogins;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.devstack.TestPostgres;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 5, must-show 2 (the crash): a separately launched tenant-admin process is killed (SIGKILL) in the middle of a
 * job, while a step holds its lease; a second instance takes the job over when the lease runs out and brings the lab
 * to ACTIVE, without a second organization or schema.
 */
class CrashedInstanceIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aJobOfAKilledInstanceIsTakenOverByTheNextOneAndFinishes() throws Exception {
        DatabaseLogins logins = TestPostgres.database("clpt_crash");
        int corePort = ServiceProcesses.freePort();
        Process platformCore = ServiceProcesses.platformCore(logins, corePort, Map.of());
        GreenMail mail =
                new GreenMail(new ServerSetup(ServiceProcesses.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Process first = null;
        Process second = null;
        try (TcpProxy keycloakForFirst =
                new TcpProxy(URI.create(TestKeycloak.url()).getPort())) {
            int firstPort = ServiceProcesses.freePort();
            first = ServiceProcesses.tenantAdmin(
                    tenantAdmin(
                            logins,
                            firstPort,
                            "http://127.0.0.1:" + keycloakForFirst.port(),
                            "http://127.0.0.1:" + corePort),
                    firstPort);

            // The first instance's Keycloak hangs: it finishes SCHEMA and MIGRATE, then sits in ORGANIZATION holding
            // the lease.
            keycloakForFirst.hang();
            String slug = "naryn-" + Long.toString(System.nanoTime() % 1_000_000, 36);
            String coordinator =
                    TestKeycloak.userToken(TestKeycloak.createUser("coordinator", CreativeLabsRealm.COORDINATOR));
            String jobId = requestLab(firstPort, coordinator, slug, "At-Bashy Creative Lab");
            awaitStep(logins, jobId, "ORGANIZATION", "RUNNING");

            first.destroyForcibly().waitFor();
            assertThat(stepStatus(logins, jobId, "SCHEMA")).isEqualTo("DONE");

            // The next instance applies the realm (with its mail server, the sink below) and picks up the job.
            int secondPort = ServiceProcesses.freePort();
            Map<String, String> next = applyingTheRealm(
                    tenantAdmin(logins, secondPort, TestKeycloak.url(), "http://127.0.0.1:" + corePort), mail);
            second = ServiceProcesses.tenantAdmin(next, secondPort);
            JsonNode job = awaitFinished(secondPort, coordinator, jobId, "the second instance to finish the job");
            assertThat(job.get("status").asString()).as(String.valueOf(job)).isEqualTo("SUCCEEDED");
            assertThat(TestKeycloak.admin()
                            .realm(CreativeLabsRealm.NAME)
                            .organizations()
                            .search(slug, true, 0, 10))
                    .hasSize(1);
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + corePort + "/api/labs/" + slug + "/public/branding"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(mail.waitForIncomingEmail(30_000, 1))
                    .as("the invitation, sent once by the instance that finished")
                    .isTrue();
        } finally {
            mail.stop();
            for (Process process : new Process[] {first, second, platformCore}) {
                if (process != null) {
                    ChildProcesses.stop(process);
                }
            }
        }
    }

    /** Where each step's call is cut off: which server, and a marker of the request whose answer the instance never gets. */
    private record Kill(String step, boolean keycloak, String marker) {}

    /**
     * The first and last of platform-core's calls and both of Keycloak's: each kill restarts tenant-admin (about 25 s).
     * MIGRATE and TEMPLATE are platform-core internal calls of the same kind as SCHEMA and ACTIVATE; their repeats are
     * checked in platform-core's InternalTenantApiIntegrationTests and LabTemplateIntegrationTests.
     */
    private static final List<Kill> KILLS = List.of(
            new Kill("SCHEMA", false, "POST /internal/tenants HTTP"),
            new Kill("ORGANIZATION", true, "POST /admin/realms/" + CreativeLabsRealm.NAME + "/organizations HTTP"),
            new Kill("INVITE", true, "execute-actions-email"),
            new Kill("ACTIVATE", false, "/resume HTTP"));

    /**
     * Issue 10, finding 14: an instance is killed inside each step's call — the server has done the step's work and
     * answered, the instance never heard — and the next instance, finding the work already done, takes it as done and
     * brings the lab to ACTIVE with one schema and one organization. Each instance in the chain is the next one's victim.
     * INVITE is at-least-once: killed after Keycloak sent the e-mail, the invitation is sent again (never lost).
     */
    @Test
    void anInstanceKilledInsideAnyStepsCallLeavesWorkTheNextInstanceFinishes() throws Exception {
        DatabaseLogins logins = TestPostgres.database("clpt_kill");
        int corePort = ServiceProcesses.freePort();
        Process platformCore = ServiceProcesses.platformCore(logins, corePort, Map.of());
        GreenMail mail =
                new GreenMail(new ServerSetup(ServiceProcesses.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        String coordinator =
                TestKeycloak.userToken(TestKeycloak.createUser("coordinator", CreativeLabsRealm.COORDINATOR));
        Process instance = null;
        try (TcpProxy keycloak = new TcpProxy(URI.create(TestKeycloak.url()).getPort());
                TcpProxy core = new TcpProxy(corePort)) {
            int port = ServiceProcesses.freePort();
            Map<String, String> first =
                    tenantAdmin(logins, port, "http://127.0.0.1:" + keycloak.port(), "http://127.0.0.1:" + core.port());
            instance = ServiceProcesses.tenantAdmin(applyingTheRealm(first, mail), port);
            for (Kill kill : KILLS) {
                String slug = "kill-" + kill.step().toLowerCase(java.util.Locale.ROOT) + "-"
                        + Long.toString(System.nanoTime() % 1_000_000, 36);
                java.util.concurrent.CountDownLatch answered =
                        (kill.keycloak() ? keycloak : core).swallowAnswerTo(kill.marker());
                int mailsBefore = mail.getReceivedMessages().length;
                String jobId = requestLab(port, coordinator, slug, "Lab " + slug);
                assertThat(answered.await(90, java.util.concurrent.TimeUnit.SECONDS))
                        .as(kill + ": the server answered")
                        .isTrue();
                instance.destroyForcibly().waitFor();
                assertThat(stepStatus(logins, jobId, kill.step()))
                        .as(kill.step() + " was not recorded as done")
                        .isNotEqualTo("DONE");

                port = ServiceProcesses.freePort();
                instance = ServiceProcesses.tenantAdmin(
                        tenantAdmin(
                                logins, port, "http://127.0.0.1:" + keycloak.port(), "http://127.0.0.1:" + core.port()),
                        port);
                JsonNode job =
                        awaitFinished(port, coordinator, jobId, kill.step() + ": the next instance to finish the job");
                assertThat(job.get("status").asString())
                        .as(kill.step() + ": " + job)
                        .isEqualTo("SUCCEEDED");
                assertThat(TestKeycloak.admin()
                                .realm(CreativeLabsRealm.NAME)
                                .organizations()
                                .search(slug, true, 0, 10))
                        .as(kill.step() + ": one organization")
                        .hasSize(1);
                HttpResponse<String> tenants = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + corePort + "/internal/tenants"))
                                .header(
                                        "Authorization",
                                        "Bearer " + TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(json.readTree(tenants.body())
                                .valueStream()
                                .filter(t -> t.get("slug").asString().equals(slug))
                                .count())
                        .as(kill.step() + ": one schema")
                        .isEqualTo(1);
                HttpResponse<String> page = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + corePort + "/api/labs/" + slug + "/public/branding"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode())
                        .as(kill.step() + ": the lab serves")
                        .isEqualTo(200);
                int invitations = kill.step().equals("INVITE") ? 2 : 1;
                assertThat(mail.waitForIncomingEmail(30_000, mailsBefore + invitations))
                        .as(kill.step() + ": " + invitations + " invitation(s)")
                        .isTrue();
            }
        } finally {
            mail.stop();
            for (Process process : new Process[] {instance, platformCore}) {
                if (process != null) {
                    ChildProcesses.stop(process);
                }
            }
        }
    }

    /**
     * Issue 12, must-show 1 with tenant-admin really stopped: the lab changes while no tenant-admin runs, and what
     * changed arrives once it runs again, none lost and none twice.
     */
    @Test
    void indicatorsChangedWhileTenantAdminIsStoppedArriveAfterItRestartsNoneLostOrTwice() throws Exception {
        DatabaseLogins logins = TestPostgres.database("clpt_relay");
        int corePort = ServiceProcesses.freePort();
        int adminPort = ServiceProcesses.freePort();
        Process platformCore = ServiceProcesses.platformCore(
                logins,
                corePort,
                Map.of(
                        "TENANT_ADMIN_URL",
                        "http://127.0.0.1:" + adminPort,
                        "PLATFORM_CORE_CLIENT_SECRET",
                        TestKeycloak.secret(CreativeLabsRealm.PLATFORM_CORE_CLIENT),
                        "PLATFORM_INDICATORS_RELAY_INTERVAL",
                        "1s"));
        GreenMail mail =
                new GreenMail(new ServerSetup(ServiceProcesses.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Map<String, String> environment = applyingTheRealm(
                tenantAdmin(logins, adminPort, TestKeycloak.url(), "http://127.0.0.1:" + corePort), mail);
        Process instance = ServiceProcesses.tenantAdmin(environment, adminPort);
        try {
            String coordinator =
                    TestKeycloak.userToken(TestKeycloak.createUser("coordinator", CreativeLabsRealm.COORDINATOR));
            String slug = "talas-" + Long.toString(System.nanoTime() % 1_000_000, 36);
            JsonNode job = awaitFinished(
                    adminPort, coordinator, requestLab(adminPort, coordinator, slug, "Talas Creative Lab"), "the lab");
            assertThat(job.get("status").asString()).as(String.valueOf(job)).isEqualTo("SUCCEEDED");
            String labId = job.get("labId").asString();
            seatResidents(corePort, labId, 6);
            awaitResidents(logins, labId, 6);

            ChildProcesses.stop(instance);
            seatResidents(corePort, labId, 4);
            Thread.sleep(3_000);
            assertThat(residents(logins, labId))
                    .as("nothing arrives while it is stopped")
                    .isEqualTo(6);

            instance = ServiceProcesses.tenantAdmin(environment, adminPort);
            awaitResidents(logins, labId, 10);
            Thread.sleep(3_000);
            assertThat(residents(logins, labId)).as("none twice").isEqualTo(10);
        } finally {
            for (Process process : new Process[] {instance, platformCore}) {
                ChildProcesses.stop(process);
            }
            mail.stop();
        }
    }

    private static void seatResidents(int corePort, String labId, int count) throws Exception {
        String provisioner = TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT);
        for (int i = 0; i < count; i++) {
            HttpResponse<String> seated = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + corePort + "/internal/tenants/" + labId + "/members"))
                            .header("Authorization", "Bearer " + provisioner)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of(
                                    "subject",
                                    "resident-" + java.util.UUID.randomUUID(),
                                    "roles",
                                    List.of("resident")))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(seated.statusCode()).as(seated.body()).isEqualTo(201);
        }
    }

    private static void awaitResidents(DatabaseLogins logins, String labId, long count) {
        await("residents in the read model")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> residents(logins, labId) == count);
    }

    private static long residents(DatabaseLogins logins, String labId) throws Exception {
        try (Connection c = TestPostgres.server().connectAsSuperuser(logins.database());
                PreparedStatement st = c.prepareStatement("SELECT coalesce(sum(value), 0) FROM platform.indicator_value"
                        + " WHERE lab_id = ?::uuid AND indicator = 'residents.new'")) {
            st.setString(1, labId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The realm applied at start-up, with the mail sink as its mail server (the first instance of a test). */
    private static Map<String, String> applyingTheRealm(Map<String, String> environment, GreenMail mail) {
        environment.put("KEYCLOAK_RECONCILE_REALM", "true");
        environment.put("KEYCLOAK_ADMIN_PASSWORD", TestKeycloak.adminPassword());
        environment.put("KEYCLOAK_DEV_CLIENTS", "true");
        environment.put("GATEWAY_CLIENT_SECRET", TestKeycloak.secret(CreativeLabsRealm.GATEWAY_CLIENT));
        environment.put("SMTP_HOST", "127.0.0.1");
        environment.put("SMTP_PORT", String.valueOf(mail.getSmtp().getPort()));
        return environment;
    }

    /** A coordinator asks the instance on {@code port} for a lab; returns the job's id. */
    private static String requestLab(int port, String coordinator, String slug, String name) throws Exception {
        Map<String, Object> request = Map.of(
                "slug",
                slug,
                "name",
                name,
                "region",
                "Naryn region",
                "languages",
                List.of("ky"),
                "adminEmail",
                slug + "@example.org");
        HttpResponse<String> accepted = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/labs"))
                        .header("Authorization", "Bearer " + coordinator)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return json.readTree(accepted.body()).get("id").asString();
    }

    /** The job as the instance on {@code port} reports it, once it succeeded or failed. */
    private static JsonNode awaitFinished(int port, String coordinator, String jobId, String what) {
        return await(what)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> json.readTree(http.send(
                                        HttpRequest.newBuilder(URI.create(
                                                        "http://127.0.0.1:" + port + "/api/provisioning/jobs/" + jobId))
                                                .header("Authorization", "Bearer " + coordinator)
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body()),
                        j -> j.get("status").asString().equals("SUCCEEDED")
                                || j.get("status").asString().equals("FAILED"));
    }

    private static Map<String, String> tenantAdmin(
            DatabaseLogins logins, int port, String keycloakUrl, String platformCoreUrl) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PLATFORM_DB_URL", TestPostgres.server().jdbcUrl(logins.database()));
        environment.put("TENANT_ADMIN_DB_USER", logins.tenantAdmin());
        environment.put("TENANT_ADMIN_PORT", String.valueOf(port));
        environment.put("PLATFORM_CORE_URL", platformCoreUrl);
        environment.put("KEYCLOAK_URL", keycloakUrl);
        environment.put("KEYCLOAK_RECONCILE_REALM", "false");
        environment.put("PLATFORM_SECURITY_ISSUERURI", TestKeycloak.issuer());
        environment.put(
                "SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_KEYCLOAK_TOKENURI",
                TestKeycloak.issuer() + "/protocol/openid-connect/token");
        environment.put("TENANT_ADMIN_CLIENT_SECRET", TestKeycloak.secret(CreativeLabsRealm.TENANT_ADMIN_CLIENT));
        environment.put("PROVISIONER_CLIENT_SECRET", TestKeycloak.secret(CreativeLabsRealm.PROVISIONER_CLIENT));
        environment.put("PLATFORM_PROVISIONING_LEASE", "3s");
        return environment;
    }

    private static void awaitStep(DatabaseLogins logins, String jobId, String step, String status) {
        await(step + " to become " + status)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> stepStatus(logins, jobId, step), status::equals);
    }

    private static String stepStatus(DatabaseLogins logins, String jobId, String step) throws Exception {
        try (Connection c = TestPostgres.server().connectAsSuperuser(logins.database());
                PreparedStatement st = c.prepareStatement(
                        "SELECT status FROM platform.provisioning_step WHERE job_id = ?::uuid AND step = ?")) {
            st.setString(1, jobId);
            st.setString(2, step);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
