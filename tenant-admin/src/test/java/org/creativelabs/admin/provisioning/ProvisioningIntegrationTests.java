package org.creativelabs.admin.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.devstack.ChildProcesses;
import org.creativelabs.devstack.DatabaseLogins;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.devstack.TestPostgres;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 5, must-shows 1, 2 (in part) and 3: a coordinator's request brings a lab to ACTIVE through tenant-admin, a real
 * platform-core (its jar, as a separate process), a real Keycloak and an SMTP sink. Keycloak and platform-core are
 * reached through proxies the test can cut, so faults are injected without stopping the shared servers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "platform.provisioning.max-attempts=1")
class ProvisioningIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningIntegrationTests.class);
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    static final DatabaseLogins logins = TestPostgres.database("clpt_prov");
    static final GreenMail mail;
    static final Process platformCore;
    static final int platformCorePort;
    /** Known before the context starts: platform-core reports membership changes to it. */
    static final int tenantAdminPort;
    static final TcpProxy keycloakProxy;
    static final TcpProxy platformCoreProxy;

    static {
        try {
            mail = new GreenMail(new ServerSetup(ServiceProcesses.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            platformCorePort = ServiceProcesses.freePort();
            tenantAdminPort = ServiceProcesses.freePort();
            platformCore = ServiceProcesses.platformCore(logins, platformCorePort, Map.of(
                    "TENANT_ADMIN_URL", "http://127.0.0.1:" + tenantAdminPort,
                    "PLATFORM_CORE_CLIENT_SECRET", TestKeycloak.secret(CreativeLabsRealm.PLATFORM_CORE_CLIENT)));
            keycloakProxy = new TcpProxy(URI.create(TestKeycloak.url()).getPort());
            platformCoreProxy = new TcpProxy(platformCorePort);
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
        registry.add("spring.security.oauth2.client.provider.keycloak.token-uri",
                () -> TestKeycloak.issuer() + "/protocol/openid-connect/token");
        registry.add("platform.platform-core-url", () -> "http://127.0.0.1:" + platformCoreProxy.port());
        registry.add("platform.keycloak.admin-password", TestKeycloak::adminPassword);
        registry.add("platform.keycloak.dev-clients", () -> "true");
        registry.add("platform.keycloak.smtp.host", () -> "127.0.0.1");
        registry.add("platform.keycloak.smtp.port", () -> String.valueOf(mail.getSmtp().getPort()));
        TestKeycloak.secrets().forEach((client, secret) -> registry.add("platform.keycloak.client-secrets." + client, () -> secret));
    }

    /** Fails the chosen step once, the way a failing dependency would. */
    @org.springframework.boot.test.context.TestConfiguration
    static class Faults {

        static final java.util.concurrent.atomic.AtomicReference<ProvisioningStep> failAt = new java.util.concurrent.atomic.AtomicReference<>();

        @org.springframework.context.annotation.Bean
        StepFaults stepFaults() {
            return (step, labId) -> {
                if (failAt.compareAndSet(step, null)) {
                    throw step == ProvisioningStep.TEMPLATE
                            ? new org.springframework.dao.DataAccessResourceFailureException("Injected: the database went away")
                            : new IllegalStateException("Injected: " + step + " failed");
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    String coordinator;

    @BeforeEach
    void setUp() {
        Faults.failAt.set(null);
        keycloakProxy.restore();
        platformCoreProxy.restore();
        coordinator = TestKeycloak.userToken(TestKeycloak.createUser("coordinator", CreativeLabsRealm.COORDINATOR));
    }

    @AfterAll
    static void stop() throws IOException {
        ChildProcesses.stop(platformCore);
        mail.stop();
        keycloakProxy.close();
        platformCoreProxy.close();
    }

    @Test
    void aLabReachesActiveWithItsSchemaOrganizationInvitedAdminAndBranding() throws Exception {
        String slug = uniqueSlug("batken");
        String email = slug + ".admin@example.org";
        long started = System.nanoTime();

        Reply accepted = post("/api/labs", request(slug, email), coordinator, Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.header()).isEqualTo("/api/provisioning/jobs/" + accepted.json().get("id").asString());
        JsonNode job = awaitFinished(accepted.json().get("id").asString());
        log.info("Lab {} reached ACTIVE through the API in {} ms", slug, (System.nanoTime() - started) / 1_000_000);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("steps").valueStream().map(s -> s.get("status").asString())).containsOnly("DONE");
        UUID labId = UUID.fromString(job.get("labId").asString());
        JsonNode registry = get("/api/registry/labs", coordinator).json();
        assertThat(registry.valueStream().filter(l -> l.get("slug").asString().equals(slug)).findFirst().orElseThrow()
                .get("status").asString()).isEqualTo("ACTIVE");
        // platform-core serves it, branded with its name.
        JsonNode branding = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platformCorePort
                + "/api/labs/" + slug + "/public/branding")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(branding.get("displayName").asString()).isEqualTo("Batken Creative Lab");
        assertThat(branding.get("defaultLanguage").asString()).isEqualTo("ky");
        // Its organization, with the invited admin as a member; the invitation e-mail reached the SMTP sink.
        var organizations = TestKeycloak.admin().realm(CreativeLabsRealm.NAME).organizations().search(slug, true, 0, 1);
        assertThat(organizations).hasSize(1);
        assertThat(TestKeycloak.admin().realm(CreativeLabsRealm.NAME).organizations().get(organizations.get(0).getId())
                .members().list(-1, -1)).extracting(m -> m.getEmail()).contains(email);
        assertThat(mail.waitForIncomingEmail(30_000, 1)).isTrue();
        MimeMessage invitation = java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals(email)).findFirst().orElseThrow();
        assertThat(invitation.getSubject()).isNotBlank();
        JsonNode tenant = internal("/internal/tenants/" + labId);
        assertThat(tenant.get("serving").asBoolean()).isTrue();
    }

    @Test
    void theSameRequestTwiceIsOneLabAndATakenSlugIsA409() throws Exception {
        String slug = uniqueSlug("naryn");
        Map<String, Object> request = request(slug, slug + "@example.org");
        Reply first = post("/api/labs", request, coordinator, Map.of("Idempotency-Key", "open-" + slug));
        Reply again = post("/api/labs", request, coordinator, Map.of("Idempotency-Key", "open-" + slug));
        Reply withoutKey = post("/api/labs", request, coordinator, Map.of());
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(withoutKey.json().get("id").asString()).isEqualTo(first.json().get("id").asString());

        Map<String, Object> other = new HashMap<>(request);
        other.put("name", "Another lab");
        Reply taken = post("/api/labs", other, coordinator, Map.of());
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.isProblem()).isTrue();
        Reply reused = post("/api/labs", other, coordinator, Map.of("Idempotency-Key", "open-" + slug));
        assertThat(reused.status()).as("the same key for another request").isEqualTo(422);
        assertThat(awaitFinished(first.json().get("id").asString()).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void badOrReservedSlugsAre400AndOnlyCoordinatorsMayProvision() throws Exception {
        for (String slug : List.of("Osh Lab", "admin", "osh--2", "x")) {
            Reply bad = post("/api/labs", request(slug, "a@example.org"), coordinator, Map.of());
            assertThat(bad.status()).as(slug + ": " + bad).isEqualTo(400);
            assertThat(bad.isProblem()).isTrue();
            assertThat(bad.json().toString()).contains("slug");
        }
        Reply noEmail = post("/api/labs", Map.of("slug", uniqueSlug("talas"), "name", "Talas", "region", "Talas",
                "languages", List.of("ky")), coordinator, Map.of());
        assertThat(noEmail.status()).isEqualTo(400);
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        String person = TestKeycloak.userToken(TestKeycloak.createUser("person"));
        for (String token : List.of(viewer, person)) {
            Reply denied = post("/api/labs", request(uniqueSlug("denied"), "d@example.org"), token, Map.of());
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.isProblem()).isTrue();
        }
        assertThat(get("/api/registry/labs", viewer).status()).as("UNDP may list labs").isEqualTo(200);
        assertThat(post("/api/labs", request(uniqueSlug("anon"), "a@example.org"), null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void keycloakUnreachableAtTheOrganizationStepLeavesNoSchemaRoleOrOrganizationAndARetryFinishesTheLab() throws Exception {
        String slug = uniqueSlug("kochkor");
        keycloakProxy.cut();
        Reply accepted = post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of());
        JsonNode failed = awaitFinished(accepted.json().get("id").asString());

        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
        assertThat(step(failed, "ORGANIZATION")).isEqualTo("FAILED");
        assertThat(step(failed, "SCHEMA")).isEqualTo("UNDONE");
        UUID labId = UUID.fromString(failed.get("labId").asString());
        assertThat(internalStatus("/internal/tenants/" + labId)).as("no schema or role left").isEqualTo(404);
        assertThat(TestKeycloak.admin().realm(CreativeLabsRealm.NAME).organizations().search(slug, true, 0, 1)).isEmpty();
        assertThat(labStatus(slug)).isEqualTo("PROVISIONING_FAILED");

        keycloakProxy.restore();
        Reply retried = post("/api/provisioning/jobs/" + labIdJob(accepted) + "/retry", null, coordinator, Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        assertThat(awaitFinished(labIdJob(accepted)).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(labStatus(slug)).isEqualTo("ACTIVE");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = ProvisioningStep.class, names = "REGISTER", mode = org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE)
    void aFaultAtAnyStepLeavesNoSchemaRoleOrOrganizationAndARetryBringsTheLabToActive(ProvisioningStep step) throws Exception {
        String slug = uniqueSlug("fault-" + step.name().toLowerCase().substring(0, 3));
        Faults.failAt.set(step);
        Reply accepted = post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of());
        JsonNode failed = awaitFinished(labIdJob(accepted));

        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
        assertThat(step(failed, step.name())).isIn("FAILED", "UNDONE");
        UUID labId = UUID.fromString(failed.get("labId").asString());
        assertThat(internalStatus("/internal/tenants/" + labId)).as("no schema or role").isEqualTo(404);
        assertThat(TestKeycloak.admin().realm(CreativeLabsRealm.NAME).organizations().search(slug, true, 0, 1))
                .as("no organization").isEmpty();
        assertThat(publicPage(slug)).as("never served").isEqualTo(404);
        assertThat(labStatus(slug)).isEqualTo("PROVISIONING_FAILED");

        assertThat(post("/api/provisioning/jobs/" + labIdJob(accepted) + "/retry", null, coordinator, Map.of()).status()).isEqualTo(202);
        assertThat(awaitFinished(labIdJob(accepted)).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(labStatus(slug)).isEqualTo("ACTIVE");
        assertThat(publicPage(slug)).isEqualTo(200);
    }

    @Test
    void platformCoreUnreachableFailsTheJobAtItsFirstStepAndARetryFinishesTheLab() throws Exception {
        String slug = uniqueSlug("at-bashy");
        platformCoreProxy.cut();
        Reply accepted = post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of());
        JsonNode failed = awaitFinished(labIdJob(accepted));
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(step(failed, "SCHEMA")).isEqualTo("FAILED");
        assertThat(TestKeycloak.admin().realm(CreativeLabsRealm.NAME).organizations().search(slug, true, 0, 1)).isEmpty();

        platformCoreProxy.restore();
        post("/api/provisioning/jobs/" + labIdJob(accepted) + "/retry", null, coordinator, Map.of());
        assertThat(awaitFinished(labIdJob(accepted)).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void progressStreamsAsServerSentEventsUntilTheJobFinishes() throws Exception {
        Reply accepted = post("/api/labs", request(uniqueSlug("jalal-abad"), "ja@example.org"), coordinator, Map.of());
        HttpResponse<String> events = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/provisioning/jobs/" + labIdJob(accepted) + "/events"))
                .header("Authorization", "Bearer " + coordinator).header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("event:progress").contains("\"status\":\"SUCCEEDED\"");
        assertThat(events.body().split("event:progress").length - 1).as("one event per change").isGreaterThan(1);
    }

    @Test
    void aLabIsSuspendedResumedArchivedAndDeletedAndItsSlugIsNeverReused() throws Exception {
        String slug = uniqueSlug("kyzart");
        JsonNode job = awaitFinished(labIdJob(post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of())));
        UUID labId = UUID.fromString(job.get("labId").asString());
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        assertThat(publicPage(slug)).isEqualTo(200);

        assertThat(post("/api/labs/" + slug + "/suspend", null, viewer, Map.of()).status()).isEqualTo(403);
        assertThat(post("/api/labs/" + slug + "/suspend", null, coordinator, Map.of()).json().get("status").asString())
                .isEqualTo("SUSPENDED");
        assertThat(publicPage(slug)).as("a suspended lab answers 423").isEqualTo(423);
        assertThat(post("/api/labs/" + slug + "/suspend", null, coordinator, Map.of()).status()).isEqualTo(409);
        assertThat(post("/api/labs/" + slug + "/resume", null, coordinator, Map.of()).status()).isEqualTo(200);
        assertThat(publicPage(slug)).isEqualTo(200);
        assertThat(delete("/api/labs/" + slug).status()).as("only an archived lab is deleted").isEqualTo(409);
        assertThat(post("/api/labs/" + slug + "/archive", null, coordinator, Map.of()).status()).isEqualTo(200);
        assertThat(publicPage(slug)).isEqualTo(423);
        assertThat(post("/api/labs/" + slug + "/resume", null, coordinator, Map.of()).status()).isEqualTo(409);

        Reply deleted = delete("/api/labs/" + slug);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(internalStatus("/internal/tenants/" + labId)).as("schema and role dropped").isEqualTo(404);
        assertThat(TestKeycloak.admin().realm(CreativeLabsRealm.NAME).organizations().search(slug, true, 0, 1)).isEmpty();
        assertThat(labStatus(slug)).isEqualTo("DELETED");
        Reply reused = post("/api/labs", request(slug, "someone.else@example.org"), coordinator, Map.of());
        assertThat(reused.status()).as("a once-used slug").isEqualTo(409);
        assertThat(jdbc.queryForList("SELECT action FROM platform_audit WHERE lab_id = ? ORDER BY at", String.class, labId))
                .containsSubsequence("LAB_REQUESTED", "LAB_ACTIVE", "LAB_SUSPENDED", "LAB_RESUMED", "LAB_ARCHIVED", "LAB_DELETED");
    }

    @Test
    void anArchivedLabsExportRestoredIntoANewLabBringsItsDataAlong() throws Exception {
        String old = uniqueSlug("kara-suu");
        UUID oldId = UUID.fromString(awaitFinished(labIdJob(post("/api/labs", request(old, old + "@example.org"), coordinator, Map.of())))
                .get("labId").asString());
        applyTemplate(oldId, Map.of("spaces", List.of(Map.of("name", "Loom", "kind", "ROOM", "capacity", 3),
                Map.of("name", "Kiln", "kind", "EQUIPMENT", "capacity", 1))));

        Reply archived = post("/api/labs/" + old + "/archive", null, coordinator, Map.of());
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        String exportId = archived.json().get("exportId").asString();
        assertThat(jdbc.queryForObject("SELECT rows ->> 'space' FROM lab_export WHERE export_id = ?::uuid", String.class, exportId))
                .isEqualTo("2");

        String moved = uniqueSlug("kara-suu");
        Map<String, Object> request = new HashMap<>(request(moved, moved + "@example.org"));
        request.put("restoreFromExport", exportId);
        JsonNode job = awaitFinished(labIdJob(post("/api/labs", request, coordinator, Map.of())));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode template = internal("/internal/tenants/" + job.get("labId").asString() + "/template");
        assertThat(template.get("spaces").valueStream().map(sp -> sp.get("name").asString())).containsExactlyInAnyOrder("Loom", "Kiln");
    }

    @org.springframework.beans.factory.annotation.Autowired
    PlatformCore platformCoreApi;

    @org.springframework.beans.factory.annotation.Autowired
    org.creativelabs.admin.identity.OrganizationMirror organizationMirror;

    @Test
    void migratingALabThatIsAlreadyCurrentCountsAsDone() throws Exception {
        // A resumed job re-runs MIGRATE after a crash; platform-core answers SKIPPED for a schema it already migrated.
        String slug = uniqueSlug("uzgen");
        UUID labId = UUID.fromString(awaitFinished(labIdJob(post("/api/labs", request(slug, slug + "@example.org"), coordinator,
                Map.of()))).get("labId").asString());
        platformCoreApi.migrate(labId);
        assertThat(internal("/internal/tenants/" + labId).get("migrationStatus").asString()).isEqualTo("CURRENT");
    }

    @Test
    void theMirrorSkipsAccountsThatNoLongerExistStillRemovesLeaversAndSaysWhenAnotherInstanceRuns() throws Exception {
        String slug = uniqueSlug("aravan");
        UUID labId = UUID.fromString(awaitFinished(labIdJob(post("/api/labs", request(slug, slug + "@example.org"), coordinator,
                Map.of()))).get("labId").asString());
        var realm = TestKeycloak.admin().realm(CreativeLabsRealm.NAME);
        String organization = realm.organizations().search(slug, true, 0, 1).get(0).getId();
        String gone = UUID.randomUUID().toString(); // a subject whose Keycloak account was deleted
        assertThat(seat(labId, gone)).isEqualTo(201);
        String leaver = TestKeycloak.subjectOf(TestKeycloak.createUser("leaver"));
        realm.organizations().get(organization).members().addMember(leaver).close();

        Reply mirrored = post("/api/identity/organization-mirror", null, coordinator, Map.of());
        assertThat(mirrored.status()).as(mirrored.toString()).isEqualTo(200);
        assertThat(mirrored.json().get("unknownAccounts").toString()).contains(slug + ": " + gone);
        assertThat(mirrored.json().get("failed").toString()).doesNotContain(slug);
        assertThat(realm.organizations().get(organization).members().list(-1, -1)).extracting(m -> m.getId())
                .as("the leaver is removed although an unknown account stands before them").doesNotContain(leaver);

        // Another instance holds the pass: this one says so instead of failing.
        var held = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()));
        held.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, 0x6f72_6d69_7272L);
            // From another thread, as another instance would: this thread's transaction holds the lock.
            assertThat(java.util.concurrent.CompletableFuture.supplyAsync(organizationMirror::mirrorAll).join().alreadyRunning())
                    .isTrue();
        });
        assertThat(organizationMirror.mirrorAll().alreadyRunning()).isFalse();
    }

    private static int seat(UUID labId, String subject) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platformCorePort
                        + "/internal/tenants/" + labId + "/members"))
                .header("Authorization", "Bearer " + TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"" + subject + "\",\"roles\":[\"resident\"]}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void theOrganizationMirrorFollowsTheLabsMembershipsAndRepairsDrift() throws Exception {
        String slug = uniqueSlug("osh-city");
        String email = slug + "@example.org";
        UUID labId = UUID.fromString(awaitFinished(labIdJob(post("/api/labs", request(slug, email), coordinator, Map.of())))
                .get("labId").asString());
        var realm = TestKeycloak.admin().realm(CreativeLabsRealm.NAME);
        String organization = realm.organizations().search(slug, true, 0, 1).get(0).getId();
        String resident = TestKeycloak.subjectOf(TestKeycloak.createUser("resident"));
        HttpResponse<String> seated = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platformCorePort
                        + "/internal/tenants/" + labId + "/members"))
                .header("Authorization", "Bearer " + TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"" + resident + "\",\"roles\":[\"resident\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(seated.statusCode()).isEqualTo(201);
        // platform-core reports the change; tenant-admin mirrors it without being asked.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (realm.organizations().get(organization).members().list(-1, -1).stream().noneMatch(m -> m.getId().equals(resident))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(realm.organizations().get(organization).members().list(-1, -1)).extracting(m -> m.getId())
                .as("mirrored on platform-core's report").contains(resident);
        String stranger = TestKeycloak.subjectOf(TestKeycloak.createUser("stranger"));
        realm.organizations().get(organization).members().addMember(stranger).close();

        Reply mirrored = post("/api/identity/organization-mirror", null, coordinator, Map.of());
        assertThat(mirrored.status()).as(mirrored.toString()).isEqualTo(200);

        assertThat(realm.organizations().get(organization).members().list(-1, -1)).extracting(m -> m.getId())
                .contains(resident).doesNotContain(stranger);
        assertThat(realm.organizations().get(organization).members().list(-1, -1)).extracting(m -> m.getEmail()).contains(email);
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        assertThat(post("/api/identity/organization-mirror", null, viewer, Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aTemplateCapturedFromALabOpensANewLabWithTheSameStructureAndNoPeople() throws Exception {
        String source = uniqueSlug("osh-tpl");
        UUID sourceId = UUID.fromString(awaitFinished(labIdJob(post("/api/labs", request(source, source + "@example.org"),
                coordinator, Map.of()))).get("labId").asString());
        applyTemplate(sourceId, Map.of("spaces", List.of(Map.of("name", "Felt studio", "kind", "STUDIO", "capacity", 8)),
                "plans", List.of(Map.of("name", "Resident", "monthlyBookingHours", 40))));
        String name = "box-" + source;
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        assertThat(put("/api/templates/" + name, Map.of("fromLab", source), viewer).status()).isEqualTo(403);
        Reply captured = put("/api/templates/" + name, Map.of("fromLab", source, "description", "Women Creative Lab"), coordinator);
        assertThat(captured.status()).as(captured.toString()).isEqualTo(200);
        assertThat(captured.json().get("content").get("spaces").size()).isEqualTo(1);
        assertThat(captured.body()).as("structure only").doesNotContain(source + "@example.org", TestKeycloak.subjectOf(source + "@example.org"));

        Map<String, Object> request = new HashMap<>(request(uniqueSlug("naryn-box"), "box@example.org"));
        request.put("template", name);
        JsonNode job = awaitFinished(labIdJob(post("/api/labs", request, coordinator, Map.of())));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode started = internal("/internal/tenants/" + job.get("labId").asString() + "/template");
        assertThat(started.get("spaces").get(0).get("name").asString()).isEqualTo("Felt studio");
        assertThat(started.get("plans").get(0).get("monthlyBookingHours").asInt()).isEqualTo(40);

        request.put("slug", uniqueSlug("naryn-none"));
        request.put("template", "no-such-template");
        Reply unknown = post("/api/labs", request, coordinator, Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("template");
    }

    private Reply put(String path, Object body, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), token, Map.of());
    }

    @Test
    void theFleetListsEveryLabWithItsSchemaVersionAndMigratesThemAll() throws Exception {
        String slug = uniqueSlug("talas");
        awaitFinished(labIdJob(post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of())));
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        JsonNode fleet = get("/api/fleet/labs", viewer).json();
        JsonNode lab = fleet.valueStream().filter(l -> l.get("slug").asString().equals(slug)).findFirst().orElseThrow();
        assertThat(lab.get("schemaVersion").asString()).isNotBlank();
        assertThat(lab.get("migrationStatus").asString()).isEqualTo("CURRENT");

        assertThat(post("/api/fleet/migrate", null, viewer, Map.of()).status()).isEqualTo(403);
        Reply migrated = post("/api/fleet/migrate", null, coordinator, Map.of());
        assertThat(migrated.status()).as(migrated.toString()).isEqualTo(200);
        assertThat(migrated.json().get("failed").asInt()).isZero();
        assertThat(migrated.json().get("results").size()).isGreaterThanOrEqualTo(1);
    }

    private static int publicPage(String slug) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platformCorePort + "/api/labs/" + slug
                + "/public/branding")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private Reply delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).DELETE(), coordinator, Map.of());
    }

    private static Map<String, Object> request(String slug, String email) {
        return Map.of("slug", slug, "name", "Batken Creative Lab", "region", "Batken", "languages", List.of("ky", "ru"),
                "adminEmail", email);
    }

    private static String labIdJob(Reply accepted) {
        return accepted.json().get("id").asString();
    }

    private static String step(JsonNode job, String name) {
        return job.get("steps").valueStream().filter(s -> s.get("step").asString().equals(name)).findFirst().orElseThrow()
                .get("status").asString();
    }

    private String labStatus(String slug) throws Exception {
        return get("/api/registry/labs", coordinator).json().valueStream().filter(l -> l.get("slug").asString().equals(slug))
                .findFirst().orElseThrow().get("status").asString();
    }

    private JsonNode awaitFinished(String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = get("/api/provisioning/jobs/" + jobId, coordinator).json();
            String status = job.get("status").asString();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Job " + jobId + " did not finish: " + get("/api/provisioning/jobs/" + jobId, coordinator));
    }

    /** Seeds a lab's structure straight through platform-core's internal template API. */
    private static void applyTemplate(UUID labId, Map<String, Object> template) throws Exception {
        HttpResponse<String> applied = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platformCorePort
                        + "/internal/tenants/" + labId + "/template"))
                .header("Authorization", "Bearer " + TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(template))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    }

    private static JsonNode internal(String path) throws Exception {
        return json.readTree(internalCall(path).body());
    }

    private static int internalStatus(String path) throws Exception {
        return internalCall(path).statusCode();
    }

    private static HttpResponse<String> internalCall(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platformCorePort + path))
                .header("Authorization", "Bearer " + TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Reply get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), token, Map.of());
    }

    private Reply post(String path, Object body, String token, Map<String, String> headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))),
                token, headers);
    }

    private Reply send(HttpRequest.Builder request, String token, Map<String, String> headers) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Location").orElse(null), response.body());
    }

    record Reply(int status, String contentType, String header, String body) {

        JsonNode json() {
            return ProvisioningIntegrationTests.json.readTree(body);
        }

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uniqueSlug(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }
}
