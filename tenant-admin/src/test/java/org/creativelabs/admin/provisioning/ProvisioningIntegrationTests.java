package org.creativelabs.admin.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.creativelabs.admin.identity.OrganizationMirror;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5, must-shows 1, 2 (in part) and 3: a coordinator's request brings a lab to ACTIVE through tenant-admin, a real
 * platform-core (its jar, as a separate process), a real Keycloak and an SMTP sink. Keycloak and platform-core are
 * reached through proxies the test can cut, so faults are injected without stopping the shared servers.
 */
class ProvisioningIntegrationTests extends TenantAdminStack {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningIntegrationTests.class);

    @Test
    void aLabReachesActiveWithItsSchemaOrganizationInvitedAdminAndBranding() throws Exception {
        String slug = uniqueSlug("batken");
        String email = slug + ".admin@example.org";
        long started = System.nanoTime();

        Reply accepted = post("/api/labs", request(slug, email), coordinator, Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.header())
                .isEqualTo("/api/provisioning/jobs/" + accepted.json().get("id").asString());
        JsonNode job = awaitFinished(accepted.json().get("id").asString());
        log.info("Lab {} reached ACTIVE through the API in {} ms", slug, (System.nanoTime() - started) / 1_000_000);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("steps").valueStream().map(s -> s.get("status").asString()))
                .containsOnly("DONE");
        UUID labId = UUID.fromString(job.get("labId").asString());
        JsonNode registry = get("/api/registry/labs", coordinator).json();
        assertThat(registry.valueStream()
                        .filter(l -> l.get("slug").asString().equals(slug))
                        .findFirst()
                        .orElseThrow()
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");
        // platform-core serves it, branded with its name.
        JsonNode branding = json.readTree(http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platformCorePort + "/api/labs/" + slug
                                        + "/public/branding"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(branding.get("displayName").asString()).isEqualTo("Batken Creative Lab");
        assertThat(branding.get("defaultLanguage").asString()).isEqualTo("ky");
        // Its organization, with the invited admin as a member; the invitation e-mail reached the SMTP sink.
        var organizations = TestKeycloak.admin()
                .realm(CreativeLabsRealm.NAME)
                .organizations()
                .search(slug, true, 0, 1);
        assertThat(organizations).hasSize(1);
        assertThat(TestKeycloak.admin()
                        .realm(CreativeLabsRealm.NAME)
                        .organizations()
                        .get(organizations.get(0).getId())
                        .members()
                        .list(-1, -1))
                .extracting(m -> m.getEmail())
                .contains(email);
        assertThat(mail.waitForIncomingEmail(30_000, 1)).isTrue();
        MimeMessage invitation = java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals(email))
                .findFirst()
                .orElseThrow();
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
        assertThat(again.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(withoutKey.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());

        Map<String, Object> other = new HashMap<>(request);
        other.put("name", "Another lab");
        Reply taken = post("/api/labs", other, coordinator, Map.of());
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.isProblem()).isTrue();
        Reply reused = post("/api/labs", other, coordinator, Map.of("Idempotency-Key", "open-" + slug));
        assertThat(reused.status()).as("the same key for another request").isEqualTo(422);
        assertThat(awaitFinished(first.json().get("id").asString())
                        .get("status")
                        .asString())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsReadDeclaredOrChunkedAndNothingIsCreated() throws Exception {
        String slug = uniqueSlug("alai");
        Map<String, Object> huge = new HashMap<>(request(slug, slug + "@example.org"));
        huge.put("name", "x".repeat(70 * 1024));
        Reply declared = post("/api/labs", huge, coordinator, Map.of());
        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        assertThat(declared.isProblem()).isTrue();
        assertThat(declared.json().get("type").asString()).isEqualTo("urn:problem:body-too-large");

        // Without a Content-Length the body is counted as it is read.
        byte[] body = json.writeValueAsBytes(huge);
        HttpResponse<String> chunked = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/labs"))
                        .header("Authorization", "Bearer " + coordinator)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lab WHERE slug = ?", Long.class, slug))
                .as("no lab")
                .isZero();
        assertThat(post("/api/labs", huge, null, Map.of()).status())
                .as("no token: refused before the body")
                .isEqualTo(401);
    }

    @Test
    void badOrReservedSlugsAre400AndOnlyCoordinatorsMayProvision() throws Exception {
        for (String slug : List.of("Osh Lab", "admin", "osh--2", "x")) {
            Reply bad = post("/api/labs", request(slug, "a@example.org"), coordinator, Map.of());
            assertThat(bad.status()).as(slug + ": " + bad).isEqualTo(400);
            assertThat(bad.isProblem()).isTrue();
            assertThat(bad.json().toString()).contains("slug");
        }
        Reply noEmail = post(
                "/api/labs",
                Map.of("slug", uniqueSlug("talas"), "name", "Talas", "region", "Talas", "languages", List.of("ky")),
                coordinator,
                Map.of());
        assertThat(noEmail.status()).isEqualTo(400);
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        String person = TestKeycloak.userToken(TestKeycloak.createUser("person"));
        for (String token : List.of(viewer, person)) {
            Reply denied = post("/api/labs", request(uniqueSlug("denied"), "d@example.org"), token, Map.of());
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.isProblem()).isTrue();
        }
        assertThat(get("/api/registry/labs", viewer).status())
                .as("UNDP may list labs")
                .isEqualTo(200);
        assertThat(post("/api/labs", request(uniqueSlug("anon"), "a@example.org"), null, Map.of())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void keycloakUnreachableAtTheOrganizationStepLeavesNoSchemaRoleOrOrganizationAndARetryFinishesTheLab()
            throws Exception {
        String slug = uniqueSlug("kochkor");
        keycloakProxy.cut();
        Reply accepted = post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of());
        JsonNode failed = awaitFinished(accepted.json().get("id").asString());

        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
        assertThat(step(failed, "ORGANIZATION")).isEqualTo("FAILED");
        assertThat(step(failed, "SCHEMA")).isEqualTo("UNDONE");
        UUID labId = UUID.fromString(failed.get("labId").asString());
        assertThat(internalStatus("/internal/tenants/" + labId))
                .as("no schema or role left")
                .isEqualTo(404);
        assertThat(TestKeycloak.admin()
                        .realm(CreativeLabsRealm.NAME)
                        .organizations()
                        .search(slug, true, 0, 1))
                .isEmpty();
        assertThat(labStatus(slug)).isEqualTo("PROVISIONING_FAILED");

        keycloakProxy.restore();
        Reply retried = post("/api/provisioning/jobs/" + labIdJob(accepted) + "/retry", null, coordinator, Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        assertThat(awaitFinished(labIdJob(accepted)).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(labStatus(slug)).isEqualTo("ACTIVE");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(
            value = ProvisioningStep.class,
            names = "REGISTER",
            mode = org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE)
    void aFaultAtAnyStepLeavesNoSchemaRoleOrOrganizationAndARetryBringsTheLabToActive(ProvisioningStep step)
            throws Exception {
        String slug = uniqueSlug("fault-" + step.name().toLowerCase().substring(0, 3));
        Faults.failAt.set(step);
        Reply accepted = post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of());
        JsonNode failed = awaitFinished(labIdJob(accepted));

        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
        assertThat(step(failed, step.name())).isIn("FAILED", "UNDONE");
        UUID labId = UUID.fromString(failed.get("labId").asString());
        assertThat(internalStatus("/internal/tenants/" + labId))
                .as("no schema or role")
                .isEqualTo(404);
        assertThat(TestKeycloak.admin()
                        .realm(CreativeLabsRealm.NAME)
                        .organizations()
                        .search(slug, true, 0, 1))
                .as("no organization")
                .isEmpty();
        assertThat(publicPage(slug)).as("never served").isEqualTo(404);
        assertThat(labStatus(slug)).isEqualTo("PROVISIONING_FAILED");

        assertThat(post("/api/provisioning/jobs/" + labIdJob(accepted) + "/retry", null, coordinator, Map.of())
                        .status())
                .isEqualTo(202);
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
        assertThat(TestKeycloak.admin()
                        .realm(CreativeLabsRealm.NAME)
                        .organizations()
                        .search(slug, true, 0, 1))
                .isEmpty();

        platformCoreProxy.restore();
        post("/api/provisioning/jobs/" + labIdJob(accepted) + "/retry", null, coordinator, Map.of());
        assertThat(awaitFinished(labIdJob(accepted)).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void progressStreamsAsServerSentEventsUntilTheJobFinishes() throws Exception {
        Reply accepted = post("/api/labs", request(uniqueSlug("jalal-abad"), "ja@example.org"), coordinator, Map.of());
        HttpResponse<String> events = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/provisioning/jobs/"
                                + labIdJob(accepted) + "/events"))
                        .header("Authorization", "Bearer " + coordinator)
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofMinutes(3))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("event:progress").contains("\"status\":\"SUCCEEDED\"");
        assertThat(events.body().split("event:progress").length - 1)
                .as("one event per change")
                .isGreaterThan(1);
    }

    @Test
    void aLabIsSuspendedResumedArchivedAndDeletedAndItsSlugIsNeverReused() throws Exception {
        String slug = uniqueSlug("kyzart");
        JsonNode job =
                awaitFinished(labIdJob(post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of())));
        UUID labId = UUID.fromString(job.get("labId").asString());
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        assertThat(publicPage(slug)).isEqualTo(200);

        assertThat(post("/api/labs/" + slug + "/suspend", null, viewer, Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(post("/api/labs/" + slug + "/suspend", null, coordinator, Map.of())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("SUSPENDED");
        assertThat(publicPage(slug)).as("a suspended lab answers 423").isEqualTo(423);
        assertThat(post("/api/labs/" + slug + "/suspend", null, coordinator, Map.of())
                        .status())
                .isEqualTo(409);
        assertThat(post("/api/labs/" + slug + "/resume", null, coordinator, Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(publicPage(slug)).isEqualTo(200);
        assertThat(delete("/api/labs/" + slug).status())
                .as("only an archived lab is deleted")
                .isEqualTo(409);
        assertThat(post("/api/labs/" + slug + "/archive", null, coordinator, Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(publicPage(slug)).isEqualTo(423);
        assertThat(post("/api/labs/" + slug + "/resume", null, coordinator, Map.of())
                        .status())
                .isEqualTo(409);

        Reply deleted = delete("/api/labs/" + slug);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(internalStatus("/internal/tenants/" + labId))
                .as("schema and role dropped")
                .isEqualTo(404);
        assertThat(TestKeycloak.admin()
                        .realm(CreativeLabsRealm.NAME)
                        .organizations()
                        .search(slug, true, 0, 1))
                .isEmpty();
        assertThat(labStatus(slug)).isEqualTo("DELETED");
        Reply reused = post("/api/labs", request(slug, "someone.else@example.org"), coordinator, Map.of());
        assertThat(reused.status()).as("a once-used slug").isEqualTo(409);
        assertThat(jdbc.queryForList(
                        "SELECT action FROM platform_audit WHERE lab_id = ? ORDER BY at", String.class, labId))
                .containsSubsequence(
                        "LAB_REQUESTED", "LAB_ACTIVE", "LAB_SUSPENDED", "LAB_RESUMED", "LAB_ARCHIVED", "LAB_DELETED");
    }

    @Test
    void anArchivedLabsExportRestoredIntoANewLabBringsItsDataAlong() throws Exception {
        String old = uniqueSlug("kara-suu");
        UUID oldId = UUID.fromString(awaitFinished(
                        labIdJob(post("/api/labs", request(old, old + "@example.org"), coordinator, Map.of())))
                .get("labId")
                .asString());
        applyTemplate(
                oldId,
                Map.of(
                        "spaces",
                        List.of(
                                Map.of("name", "Loom", "kind", "ROOM", "capacity", 3),
                                Map.of("name", "Kiln", "kind", "EQUIPMENT", "capacity", 1))));

        Reply archived = post("/api/labs/" + old + "/archive", null, coordinator, Map.of());
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        String exportId = archived.json().get("exportId").asString();
        assertThat(jdbc.queryForObject(
                        "SELECT rows ->> 'space' FROM lab_export WHERE export_id = ?::uuid", String.class, exportId))
                .isEqualTo("2");

        // The replica that took the export is killed and another serves the restore: exports live in PostgreSQL.
        replacePlatformCore();

        // A coordinator naming themself (or anyone but the archived lab's own lab-admins) is refused, nothing created.
        String moved = uniqueSlug("kara-suu");
        String coordinatorEmail = moved + ".coordinator@example.org";
        Map<String, Object> seizing = new HashMap<>(request(moved, coordinatorEmail));
        seizing.put("restoreFromExport", exportId);
        Reply refused = post("/api/labs", seizing, coordinator, Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body()).contains("adminEmail");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lab WHERE slug = ?", Integer.class, moved))
                .as("nothing created")
                .isZero();
        Map<String, Object> unknownExport = new HashMap<>(request(moved, old + "@example.org"));
        unknownExport.put("restoreFromExport", UUID.randomUUID().toString());
        assertThat(post("/api/labs", unknownExport, coordinator, Map.of()).status())
                .isEqualTo(400);

        Map<String, Object> request = new HashMap<>(request(moved, old + "@example.org"));
        request.put("restoreFromExport", exportId);
        JsonNode job = awaitFinished(labIdJob(post("/api/labs", request, coordinator, Map.of())));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        UUID movedId = UUID.fromString(job.get("labId").asString());
        JsonNode template = internal("/internal/tenants/" + movedId + "/template");
        assertThat(template.get("spaces").valueStream().map(sp -> sp.get("name").asString()))
                .containsExactlyInAnyOrder("Loom", "Kiln");
        assertThat(internal("/internal/tenants/" + movedId + "/members")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .as("the archived lab's own lab-admins, nobody else")
                .containsExactly(TestKeycloak.subjectOf(old + "@example.org"));
        assertThat(jdbc.queryForList(
                        "SELECT detail ->> 'exportId' FROM platform_audit WHERE lab_id = ? AND action = 'LAB_RESTORED'",
                        String.class,
                        movedId))
                .as("the restore is audited")
                .containsExactly(exportId);

        String again = uniqueSlug("kara-suu");
        Map<String, Object> second = new HashMap<>(request(again, old + "@example.org"));
        second.put("restoreFromExport", exportId);
        Reply twice = post("/api/labs", second, coordinator, Map.of());
        assertThat(twice.status())
                .as("an export is restored at most once: " + twice)
                .isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lab WHERE slug = ?", Integer.class, again))
                .isZero();
    }

    @org.springframework.beans.factory.annotation.Autowired
    PlatformCore platformCoreApi;

    @org.springframework.beans.factory.annotation.Autowired
    OrganizationMirror organizationMirror;

    @org.springframework.beans.factory.annotation.Autowired
    ProvisioningJobs jobs;

    @Test
    void aStepSlowerThanTheLeaseKeepsItsLeaseSoNoOtherInstanceTakesTheJobOver() throws Exception {
        Faults.slowAt.set(ProvisioningStep.TEMPLATE);
        String slug = uniqueSlug("kara-kulja");
        String jobId = labIdJob(post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of()));
        // Once this instance has claimed the job (a queued job is free for anyone):
        await("the job to be claimed")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jobStatus(jobId), "RUNNING"::equals);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        await("the job to finish")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    // Another instance polling for work, as often as it can: the job must never be free for it.
                    var intruder = jobs.claim("intruder-" + UUID.randomUUID(), Duration.ofSeconds(3));
                    intruder.ifPresent(other -> release(other.id())); // another test's leftover job: put it back
                    attempts.incrementAndGet();
                    assertThat(intruder.map(ProvisioningJobs.Claimed::id))
                            .as("claimed by a second instance while its step ran")
                            .isNotEqualTo(Optional.of(UUID.fromString(jobId)));
                    return List.of("SUCCEEDED", "FAILED").contains(jobStatus(jobId));
                });
        assertThat(attempts.get()).as("the step ran longer than the lease").isGreaterThan(30);
        assertThat(jobStatus(jobId)).isEqualTo("SUCCEEDED");
        assertThat(labStatus(slug)).isEqualTo("ACTIVE");
    }

    @Test
    void anInstanceWhoseLeaseWasTakenOverNeitherFinishesNorUndoesTheLab() throws Exception {
        // The first instance's TEMPLATE call hangs past its lease and then fails; meanwhile a second instance takes the
        // job over. The first must not record the failure, let alone undo the lab (drop its schema and organization).
        Faults.slowAt.set(ProvisioningStep.TEMPLATE);
        Faults.failAt.set(ProvisioningStep.TEMPLATE);
        String slug = uniqueSlug("toktogul");
        String jobId = labIdJob(post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of()));
        await("TEMPLATE to start")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> stepStatus(jobId, "TEMPLATE"), "RUNNING"::equals);
        // As if the first instance had stalled long enough for its lease to lapse: the second one claims the job.
        // (The first instance's heartbeat may renew in between: try again until the second instance has it.)
        Optional<ProvisioningJobs.Claimed> second = Optional.empty();
        for (int i = 0;
                i < 20
                        && second.filter(c -> c.id().equals(UUID.fromString(jobId)))
                                .isEmpty();
                i++) {
            second.ifPresent(other -> release(other.id())); // another test's leftover job: put it back
            jdbc.update(
                    "UPDATE provisioning_job SET lease_until = now() - interval '1 second' WHERE id = ?::uuid", jobId);
            second = jobs.claim("second-instance", Duration.ofSeconds(30));
        }
        assertThat(second.map(ProvisioningJobs.Claimed::id)).contains(UUID.fromString(jobId));

        Thread.sleep(7_000); // the first instance's call returns (and fails) meanwhile
        assertThat(stepStatus(jobId, "TEMPLATE"))
                .as("the stale instance recorded nothing")
                .isEqualTo("RUNNING");
        assertThat(jdbc.queryForList(
                        "SELECT status FROM provisioning_step WHERE job_id = ?::uuid", String.class, jobId))
                .as("nothing undone")
                .doesNotContain("UNDONE");
        assertThat(internalStatus("/internal/tenants/" + second.get().labId()))
                .as("schema kept")
                .isEqualTo(200);
        assertThat(labStatus(slug)).isEqualTo("PROVISIONING");

        // The second instance lets go (as if it had crashed); the job is picked up again and the lab goes live once.
        jdbc.update("UPDATE provisioning_job SET lease_owner = NULL, lease_until = NULL WHERE id = ?::uuid", jobId);
        assertThat(awaitFinished(jobId).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(labStatus(slug)).isEqualTo("ACTIVE");
        assertThat(jdbc.queryForList(
                        "SELECT status FROM provisioning_step WHERE job_id = ?::uuid", String.class, jobId))
                .containsOnly("DONE");
    }

    private void release(UUID jobId) {
        jdbc.update("UPDATE provisioning_job SET lease_owner = NULL, lease_until = NULL WHERE id = ?", jobId);
    }

    private String jobStatus(String jobId) {
        return jdbc.queryForObject("SELECT status FROM provisioning_job WHERE id = ?::uuid", String.class, jobId);
    }

    private String stepStatus(String jobId, String step) {
        return jdbc.queryForObject(
                "SELECT status FROM provisioning_step WHERE job_id = ?::uuid AND step = ?", String.class, jobId, step);
    }

    @Test
    void migratingALabThatIsAlreadyCurrentCountsAsDone() throws Exception {
        // A resumed job re-runs MIGRATE after a crash; platform-core answers SKIPPED for a schema it already migrated.
        String slug = uniqueSlug("uzgen");
        UUID labId = UUID.fromString(awaitFinished(
                        labIdJob(post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of())))
                .get("labId")
                .asString());
        platformCoreApi.migrate(labId);
        assertThat(internal("/internal/tenants/" + labId).get("migrationStatus").asString())
                .isEqualTo("CURRENT");
    }

    @Test
    void theMirrorSkipsAccountsThatNoLongerExistStillRemovesLeaversAndSaysWhenAnotherInstanceRuns() throws Exception {
        String slug = uniqueSlug("aravan");
        UUID labId = UUID.fromString(awaitFinished(
                        labIdJob(post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of())))
                .get("labId")
                .asString());
        var realm = TestKeycloak.admin().realm(CreativeLabsRealm.NAME);
        String organization =
                realm.organizations().search(slug, true, 0, 1).get(0).getId();
        String gone = UUID.randomUUID().toString(); // a subject whose Keycloak account was deleted
        assertThat(seat(labId, gone)).isEqualTo(201);
        String leaver = TestKeycloak.subjectOf(TestKeycloak.createUser("leaver"));
        realm.organizations().get(organization).members().addMember(leaver).close();

        Reply mirrored = post("/api/identity/organization-mirror", null, coordinator, Map.of());
        assertThat(mirrored.status()).as(mirrored.toString()).isEqualTo(200);
        assertThat(mirrored.json().get("unknownAccounts").toString()).contains(slug + ": " + gone);
        assertThat(mirrored.json().get("failed").toString()).doesNotContain(slug);
        assertThat(realm.organizations().get(organization).members().list(-1, -1))
                .extracting(m -> m.getId())
                .as("the leaver is removed although an unknown account stands before them")
                .doesNotContain(leaver);

        // Another instance holds the pass: this one says so instead of failing, and never waits on a lock.
        jdbc.update(
                "INSERT INTO scheduled_lease (name, owner, until) VALUES (?, 'another-instance', now() + interval '1 minute')",
                OrganizationMirror.LEASE);
        assertThat(organizationMirror.mirrorAll().alreadyRunning()).isTrue();
        jdbc.update("DELETE FROM scheduled_lease WHERE owner = 'another-instance'");
        assertThat(organizationMirror.mirrorAll().alreadyRunning()).isFalse();
    }

    @Test
    void thePeriodicPassMirrorsTheLabsThatChangedAndASweepPageNotEveryLab() throws Exception {
        var realm = TestKeycloak.admin().realm(CreativeLabsRealm.NAME);
        String changedSlug = uniqueSlug("kara-suu");
        UUID changed = UUID.fromString(awaitFinished(labIdJob(
                        post("/api/labs", request(changedSlug, changedSlug + "@example.org"), coordinator, Map.of())))
                .get("labId")
                .asString());
        String quietSlug = uniqueSlug("nookat");
        UUID quiet = UUID.fromString(awaitFinished(labIdJob(
                        post("/api/labs", request(quietSlug, quietSlug + "@example.org"), coordinator, Map.of())))
                .get("labId")
                .asString());
        assertThat(organizationMirror.mirrorAll().failed()).isEmpty();
        int active = organizationMirror.mirrorAll().labs();
        assertThat(active).as("enough labs for a sweep page to leave some out").isGreaterThan(3);
        String changedOrganization =
                realm.organizations().search(changedSlug, true, 0, 1).get(0).getId();
        String quietOrganization =
                realm.organizations().search(quietSlug, true, 0, 1).get(0).getId();
        String stranger = TestKeycloak.subjectOf(TestKeycloak.createUser("stranger"));
        realm.organizations()
                .get(changedOrganization)
                .members()
                .addMember(stranger)
                .close();
        realm.organizations()
                .get(quietOrganization)
                .members()
                .addMember(stranger)
                .close();
        // A change platform-core reported but that could not be mirrored then; the quiet lab was mirrored last of all.
        jdbc.update("UPDATE organization_mirror_state SET changed_at = now() WHERE lab_id = ?", changed);
        jdbc.update(
                "UPDATE organization_mirror_state SET mirrored_at = now() + interval '1 hour' WHERE lab_id = ?", quiet);

        OrganizationMirror.Result pass = organizationMirror.mirrorChanged();
        assertThat(pass.labs())
                .as("the changed lab plus a sweep page of 2, of " + active + " labs")
                .isEqualTo(3);
        assertThat(memberIds(realm, changedOrganization))
                .as("the changed lab is mirrored")
                .doesNotContain(stranger);
        assertThat(memberIds(realm, quietOrganization))
                .as("a lab that did not change waits for its sweep")
                .contains(stranger);
        assertThat(organizationMirror.mirrorChanged().labs())
                .as("mirrored once, then only sweep pages")
                .isEqualTo(2);

        jdbc.update("UPDATE organization_mirror_state SET mirrored_at = '2000-01-01' WHERE lab_id = ?", quiet);
        organizationMirror.mirrorChanged();
        assertThat(memberIds(realm, quietOrganization))
                .as("the sweep reaches the least recently mirrored lab")
                .doesNotContain(stranger);
    }

    private static List<String> memberIds(org.keycloak.admin.client.resource.RealmResource realm, String organization) {
        return realm.organizations().get(organization).members().list(-1, -1).stream()
                .map(m -> m.getId())
                .toList();
    }

    private static int seat(UUID labId, String subject) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platformCorePort + "/internal/tenants/"
                                        + labId + "/members"))
                                .header(
                                        "Authorization",
                                        "Bearer " + TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"subject\":\"" + subject + "\",\"roles\":[\"resident\"]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void theOrganizationMirrorFollowsTheLabsMembershipsAndRepairsDrift() throws Exception {
        String slug = uniqueSlug("osh-city");
        String email = slug + "@example.org";
        UUID labId =
                UUID.fromString(awaitFinished(labIdJob(post("/api/labs", request(slug, email), coordinator, Map.of())))
                        .get("labId")
                        .asString());
        var realm = TestKeycloak.admin().realm(CreativeLabsRealm.NAME);
        String organization =
                realm.organizations().search(slug, true, 0, 1).get(0).getId();
        String resident = TestKeycloak.subjectOf(TestKeycloak.createUser("resident"));
        HttpResponse<String> seated = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + platformCorePort + "/internal/tenants/" + labId + "/members"))
                        .header(
                                "Authorization",
                                "Bearer " + TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"subject\":\"" + resident + "\",\"roles\":[\"resident\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(seated.statusCode()).isEqualTo(201);
        // platform-core reports the change; tenant-admin mirrors it without being asked.
        await("the report to be mirrored")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(realm.organizations()
                                .get(organization)
                                .members()
                                .list(-1, -1))
                        .extracting(m -> m.getId())
                        .as("mirrored on platform-core's report")
                        .contains(resident));
        String stranger = TestKeycloak.subjectOf(TestKeycloak.createUser("stranger"));
        realm.organizations().get(organization).members().addMember(stranger).close();

        Reply mirrored = post("/api/identity/organization-mirror", null, coordinator, Map.of());
        assertThat(mirrored.status()).as(mirrored.toString()).isEqualTo(200);

        assertThat(realm.organizations().get(organization).members().list(-1, -1))
                .extracting(m -> m.getId())
                .contains(resident)
                .doesNotContain(stranger);
        assertThat(realm.organizations().get(organization).members().list(-1, -1))
                .extracting(m -> m.getEmail())
                .contains(email);
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        assertThat(post("/api/identity/organization-mirror", null, viewer, Map.of())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aTemplateCapturedFromALabOpensANewLabWithTheSameStructureAndNoPeople() throws Exception {
        String source = uniqueSlug("osh-tpl");
        UUID sourceId = UUID.fromString(awaitFinished(
                        labIdJob(post("/api/labs", request(source, source + "@example.org"), coordinator, Map.of())))
                .get("labId")
                .asString());
        applyTemplate(
                sourceId,
                Map.of(
                        "spaces",
                        List.of(Map.of("name", "Felt studio", "kind", "STUDIO", "capacity", 8)),
                        "plans",
                        List.of(Map.of("name", "Resident", "monthlyBookingHours", 40))));
        String name = "box-" + source;
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        assertThat(put("/api/templates/" + name, Map.of("fromLab", source), viewer)
                        .status())
                .isEqualTo(403);
        Reply captured = put(
                "/api/templates/" + name, Map.of("fromLab", source, "description", "Women Creative Lab"), coordinator);
        assertThat(captured.status()).as(captured.toString()).isEqualTo(200);
        assertThat(captured.json().get("content").get("spaces").size()).isEqualTo(1);
        assertThat(captured.body())
                .as("structure only")
                .doesNotContain(source + "@example.org", TestKeycloak.subjectOf(source + "@example.org"));

        Map<String, Object> request = new HashMap<>(request(uniqueSlug("naryn-box"), "box@example.org"));
        request.put("template", name);
        JsonNode job = awaitFinished(labIdJob(post("/api/labs", request, coordinator, Map.of())));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode started = internal("/internal/tenants/" + job.get("labId").asString() + "/template");
        assertThat(started.get("spaces").get(0).get("name").asString()).isEqualTo("Felt studio");
        assertThat(started.get("plans").get(0).get("monthlyBookingHours").asInt())
                .isEqualTo(40);

        request.put("slug", uniqueSlug("naryn-none"));
        request.put("template", "no-such-template");
        Reply unknown = post("/api/labs", request, coordinator, Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("template");
    }

    @Test
    void theFleetListsEveryLabWithItsSchemaVersionAndMigratesThemAll() throws Exception {
        String slug = uniqueSlug("talas");
        awaitFinished(labIdJob(post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of())));
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        JsonNode fleet = get("/api/fleet/labs", viewer).json();
        JsonNode lab = fleet.valueStream()
                .filter(l -> l.get("slug").asString().equals(slug))
                .findFirst()
                .orElseThrow();
        assertThat(lab.get("schemaVersion").asString()).isNotBlank();
        assertThat(lab.get("migrationStatus").asString()).isEqualTo("CURRENT");

        assertThat(post("/api/fleet/migrate", null, viewer, Map.of()).status()).isEqualTo(403);
        Reply migrated = post("/api/fleet/migrate", null, coordinator, Map.of());
        assertThat(migrated.status()).as(migrated.toString()).isEqualTo(200);
        assertThat(migrated.json().get("failed").asInt()).isZero();
        assertThat(migrated.json().get("results").size()).isGreaterThanOrEqualTo(1);
    }

    private static String step(JsonNode job, String name) {
        return job.get("steps")
                .valueStream()
                .filter(s -> s.get("step").asString().equals(name))
                .findFirst()
                .orElseThrow()
                .get("status")
                .asString();
    }

    /** Seeds a lab's structure straight through platform-core's internal template API. */
    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
