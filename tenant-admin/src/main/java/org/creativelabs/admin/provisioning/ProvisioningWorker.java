package org.creativelabs.admin.provisioning;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.admin.audit.PlatformAudit;
import org.creativelabs.admin.identity.LabIdentities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs provisioning jobs: leases one, runs its unfinished steps in order, and renews the lease between steps. A failed
 * step is retried with backoff; when the attempts are used up, the finished steps are undone in reverse (no schema,
 * role or organization is left behind) and the job waits, FAILED, for a coordinator's retry. A lab serves only after
 * its last step.
 */
@Component
class ProvisioningWorker {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningWorker.class);

    private final ProvisioningJobs jobs;
    private final PlatformCore platformCore;
    private final LabIdentities identities;
    private final PlatformAudit audit;
    private final JsonMapper json;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Duration lease;
    private final int maxAttempts;
    private final ObjectProvider<StepFaults> faults;

    ProvisioningWorker(ProvisioningJobs jobs, PlatformCore platformCore, LabIdentities identities, PlatformAudit audit,
            JsonMapper json, @Value("${platform.provisioning.lease:30s}") Duration lease,
            @Value("${platform.provisioning.max-attempts:3}") int maxAttempts, ObjectProvider<StepFaults> faults) {
        this.jobs = jobs;
        this.platformCore = platformCore;
        this.identities = identities;
        this.audit = audit;
        this.json = json;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
        this.faults = faults;
    }

    @Scheduled(fixedDelayString = "${platform.provisioning.poll-interval:500ms}")
    void runPendingJobs() {
        var claimed = jobs.claim(owner, lease);
        while (claimed.isPresent()) {
            run(claimed.get());
            claimed = jobs.claim(owner, lease);
        }
    }

    private void run(ProvisioningJobs.Claimed job) {
        LabRequest request = json.readValue(job.requestJson(), LabRequest.class);
        for (ProvisioningStep step : jobs.stepsWithStatus(job.id(), "PENDING", "RUNNING", "FAILED")) {
            if (!jobs.renew(job.id(), owner, lease)) {
                log.info("Job {} was taken over by another instance", job.id());
                return;
            }
            jobs.markStep(job.id(), step, "RUNNING", null);
            try {
                execute(step, job.labId(), request);
                jobs.markStep(job.id(), step, "DONE", null);
            } catch (RuntimeException e) {
                String error = step + ": " + e.getMessage();
                jobs.markStep(job.id(), step, "FAILED", error);
                if (job.attempts() + 1 < maxAttempts) {
                    log.warn("Provisioning {} failed at {} (attempt {} of {}), retrying: {}", request.slug(), step,
                            job.attempts() + 1, maxAttempts, e.toString());
                    jobs.retryLater(job.id(), error, Duration.ofSeconds(2L * (job.attempts() + 1)));
                } else {
                    log.warn("Provisioning {} failed at {} after {} attempts; undoing: {}", request.slug(), step, maxAttempts,
                            e.toString());
                    List<ProvisioningStep> left = undo(job, request);
                    jobs.finish(job.id(), false, left.isEmpty() ? error : error + " (not undone yet: " + left
                            + "; a retry continues from there)");
                }
                return;
            }
        }
        jobs.finish(job.id(), true, null);
        audit.record("provisioning", "LAB_ACTIVE", job.labId(), Map.of("slug", request.slug(), "job", job.id()));
        log.info("Lab {} is ACTIVE", request.slug());
    }

    private void execute(ProvisioningStep step, UUID labId, LabRequest request) {
        faults.ifAvailable(f -> f.before(step, labId));
        switch (step) {
            case REGISTER -> { }
            case SCHEMA -> platformCore.createTenant(labId, request.slug());
            case MIGRATE -> platformCore.migrate(labId);
            case ORGANIZATION -> jobs.setOrganization(labId, identities.ensureOrganization(labId.toString(), request.slug(),
                    request.name()));
            case INVITE -> {
                String organization = identities.ensureOrganization(labId.toString(), request.slug(), request.name());
                String subject = identities.invite(organization, request.adminEmail());
                platformCore.seat(labId, subject, List.of("lab-admin"));
            }
            case TEMPLATE -> {
                if (request.restoreFromExport() != null) {
                    // The archived lab's data replaces the new schema's; its first admin keeps their seat.
                    platformCore.restore(labId, request.restoreFromExport());
                    platformCore.seat(labId, identities.subjectOf(request.adminEmail()), List.of("lab-admin"));
                }
                platformCore.applyTemplate(labId, template(request));
            }
            case ACTIVATE -> {
                platformCore.resume(labId);
                jobs.setLabStatus(labId, "ACTIVE");
            }
        }
    }

    /** The starter template (another lab's structure, when asked for) with the new lab's own name and language. */
    private ObjectNode template(LabRequest request) {
        ObjectNode template = json.createObjectNode();
        if (request.template() != null && !request.template().isBlank()) {
            template = (ObjectNode) jobs.templateContent(request.template()).map(json::readTree)
                    .orElseThrow(() -> new IllegalStateException("No template " + request.template()));
        } else if (request.templateFromLab() != null && !request.templateFromLab().isBlank()) {
            UUID source = jobs.labIdOf(request.templateFromLab())
                    .orElseThrow(() -> new IllegalStateException("No lab " + request.templateFromLab() + " to copy"));
            template = (ObjectNode) platformCore.captureTemplate(source);
        }
        ObjectNode branding = template.has("branding") ? (ObjectNode) template.get("branding") : template.putObject("branding");
        branding.put("displayName", request.name());
        branding.put("defaultLanguage", request.languages().get(0));
        return template;
    }

    /** Undoes the finished steps in reverse; what is already gone counts as undone. Returns the steps it could not undo. */
    private List<ProvisioningStep> undo(ProvisioningJobs.Claimed job, LabRequest request) {
        List<ProvisioningStep> left = new java.util.ArrayList<>();
        List<ProvisioningStep> done = jobs.stepsWithStatus(job.id(), "DONE", "FAILED");
        for (int i = done.size() - 1; i >= 0; i--) {
            ProvisioningStep step = done.get(i);
            try {
                switch (step) {
                    case ORGANIZATION, INVITE -> identities.removeOrganization(request.slug());
                    case SCHEMA, MIGRATE, TEMPLATE, ACTIVATE -> platformCore.remove(job.labId());
                    case REGISTER -> jobs.setLabStatus(job.labId(), "PROVISIONING_FAILED");
                }
                jobs.markStep(job.id(), step, step == ProvisioningStep.REGISTER ? "DONE" : "UNDONE", null);
            } catch (RuntimeException e) {
                left.add(step);
                log.warn("Undoing {} of {} failed; a retry will continue from there: {}", step, request.slug(), e.toString());
            }
        }
        audit.record("provisioning", "PROVISIONING_FAILED", job.labId(), Map.of("slug", request.slug(), "job", job.id()));
        return left;
    }
}
