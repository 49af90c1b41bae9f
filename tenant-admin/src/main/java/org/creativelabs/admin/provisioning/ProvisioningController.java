package org.creativelabs.admin.provisioning;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.creativelabs.admin.audit.PlatformAudit;
import org.creativelabs.admin.identity.LabIdentities;
import org.creativelabs.admin.web.Problems;
import org.creativelabs.realm.LabSlugs;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A coordinator opens a regional lab with one request: 202 and a job that brings it live (schema, organization, first
 * admin, branding, starter content). The job's progress can be polled or streamed (server-sent events).
 */
@RestController
@Tag(name = "provisioning", description = "Opening regional labs")
class ProvisioningController {

    private static final ScheduledExecutorService progress = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "provisioning-progress");
        thread.setDaemon(true);
        return thread;
    });

    private final ProvisioningJobs jobs;
    private final PlatformAudit audit;
    private final JsonMapper json;
    private final LabIdentities identities;
    private final ProvisioningWorker worker;

    ProvisioningController(
            ProvisioningJobs jobs,
            PlatformAudit audit,
            JsonMapper json,
            LabIdentities identities,
            ProvisioningWorker worker) {
        this.jobs = jobs;
        this.worker = worker;
        this.audit = audit;
        this.json = json;
        this.identities = identities;
    }

    @PostMapping("/api/labs")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(summary = "Open a new lab (202 with its provisioning job; the same request again returns the same job)")
    ResponseEntity<JobView> provision(
            @Valid @RequestBody LabRequest request,
            Authentication caller,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String reason = LabSlugs.reasonAgainst(request.slug());
        if (reason != null) {
            throw Problems.exception(
                    HttpStatus.BAD_REQUEST,
                    "invalid-lab-slug",
                    "slug: "
                            + switch (reason) {
                                case "reserved" -> "\"" + request.slug() + "\" is reserved and cannot name a lab.";
                                case "hyphens" -> "a lab slug does not end with a hyphen or contain two in a row.";
                                default ->
                                    "a lab slug starts with a lowercase letter and has only lowercase letters, digits and hyphens "
                                            + "(2 to 30 characters).";
                            },
                    Map.of("field", "slug"));
        }
        if (request.template() != null
                && jobs.templateContent(request.template()).isEmpty()) {
            throw Problems.exception(
                    HttpStatus.BAD_REQUEST,
                    "invalid-request",
                    "template: there is no template \"" + request.template() + "\".",
                    Map.of("field", "template"));
        }
        if (request.restoreFromExport() != null) {
            checkRestore(request);
        }
        String requestJson = json.writeValueAsString(request);
        String hash = sha256(requestJson);
        if (idempotencyKey != null) {
            Optional<UUID> earlier = jobs.byIdempotencyKey(caller.getName(), idempotencyKey);
            if (earlier.isPresent()) {
                if (!jobs.hashOf(earlier.get()).equals(hash)) {
                    throw Problems.exception(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "idempotency-key",
                            "This Idempotency-Key was already used for a different request.",
                            Map.of());
                }
                return accepted(earlier.get());
            }
        }
        try {
            UUID jobId = jobs.create(UUID.randomUUID(), request, requestJson, hash, caller.getName(), idempotencyKey);
            audit.record(
                    caller.getName(),
                    "LAB_REQUESTED",
                    jobs.find(jobId).orElseThrow().labId(),
                    Map.of("slug", request.slug()));
            worker.nudge();
            return accepted(jobId);
        } catch (DuplicateKeyException taken) {
            // The same request again (e.g. a retry without a key) is the same lab; anything else wants a taken slug.
            Optional<String[]> existing = jobs.latestForSlug(request.slug());
            if (existing.isPresent() && existing.get()[1].equals(hash)) {
                return accepted(UUID.fromString(existing.get()[0]));
            }
            throw Problems.exception(
                    HttpStatus.CONFLICT,
                    "slug-taken",
                    "The slug \"" + request.slug()
                            + "\" belongs to a lab that exists or existed; slugs are never reused.",
                    Map.of("field", "slug"));
        }
    }

    /**
     * A restore brings an archived lab's people along: it keeps that lab's own lab-admins, and the request must name
     * one of them, so a coordinator can never seat themself (or anyone else) over those people's data.
     */
    private void checkRestore(LabRequest request) {
        ProvisioningJobs.ArchivedExport export = jobs.archivedExport(request.restoreFromExport())
                .orElseThrow(() -> Problems.exception(
                        HttpStatus.BAD_REQUEST,
                        "invalid-request",
                        "restoreFromExport: there is no " + "export " + request.restoreFromExport()
                                + " of an archived lab.",
                        Map.of("field", "restoreFromExport")));
        String admin;
        try {
            admin = identities.subjectOf(request.adminEmail());
        } catch (IllegalStateException noAccount) {
            admin = null;
        }
        if (export.labAdmins() == null || admin == null || !export.labAdmins().contains(admin)) {
            throw Problems.exception(
                    HttpStatus.BAD_REQUEST,
                    "invalid-request",
                    "adminEmail: a restored lab keeps its own "
                            + "lab admins; name one of the archived lab's lab admins.",
                    Map.of("field", "adminEmail"));
        }
    }

    @GetMapping("/api/provisioning/jobs/{id}")
    @PreAuthorize("hasRole('platform-coordinator')")
    JobView job(@PathVariable UUID id) {
        return find(id);
    }

    @GetMapping(path = "/api/provisioning/jobs/{id}/events", produces = "text/event-stream")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(summary = "The job's progress as server-sent events, one per change, until it finishes")
    SseEmitter events(@PathVariable UUID id) {
        find(id);
        SseEmitter emitter = new SseEmitter(Duration.ofMinutes(10).toMillis());
        AtomicReference<String> last = new AtomicReference<>("");
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(progress.scheduleWithFixedDelay(
                () -> {
                    try {
                        JobView job = find(id);
                        String now = json.writeValueAsString(job);
                        if (!now.equals(last.getAndSet(now))) {
                            emitter.send(SseEmitter.event()
                                    .name("progress")
                                    .id(String.valueOf(now.hashCode()))
                                    .data(job));
                        }
                        if (job.finished()) {
                            emitter.complete();
                            task.get().cancel(false);
                        }
                    } catch (IOException | RuntimeException gone) {
                        emitter.completeWithError(gone);
                        task.get().cancel(false);
                    }
                },
                0,
                250,
                TimeUnit.MILLISECONDS));
        emitter.onCompletion(() -> task.get().cancel(false));
        emitter.onTimeout(() -> task.get().cancel(false));
        return emitter;
    }

    @PostMapping("/api/provisioning/jobs/{id}/retry")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(summary = "Run a failed job again from its first unfinished step")
    ResponseEntity<JobView> retry(@PathVariable UUID id, Authentication caller) {
        JobView job = find(id);
        if (!jobs.requeue(id)) {
            throw Problems.exception(
                    HttpStatus.CONFLICT,
                    "not-failed",
                    "Job " + id + " is " + job.status() + "; only a failed job is retried.",
                    Map.of());
        }
        audit.record(caller.getName(), "PROVISIONING_RETRIED", job.labId(), Map.of("job", id));
        return accepted(id);
    }

    private ResponseEntity<JobView> accepted(UUID jobId) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/provisioning/jobs/" + jobId))
                .body(find(jobId));
    }

    private JobView find(UUID id) {
        return jobs.find(id)
                .orElseThrow(() -> Problems.exception(
                        HttpStatus.NOT_FOUND, "job-not-found", "There is no provisioning job " + id + ".", Map.of()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
