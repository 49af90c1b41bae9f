package org.creativelabs.admin.provisioning;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.creativelabs.admin.audit.PlatformAudit;
import org.creativelabs.admin.identity.LabIdentities;
import org.creativelabs.admin.indicators.IndicatorReadModel;
import org.creativelabs.admin.indicators.Targets;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.admin.registry.LabStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
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
    private final Targets targets;
    private final IndicatorReadModel readModel;
    private final LabRegistry registry;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Duration lease;
    private final int maxAttempts;
    private final ObjectProvider<StepFaults> faults;
    private final Duration pollInterval;
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "provisioning"));
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "provisioning-lease-heartbeat"));

    ProvisioningWorker(
            ProvisioningJobs jobs,
            PlatformCore platformCore,
            LabIdentities identities,
            PlatformAudit audit,
            JsonMapper json,
            Targets targets,
            IndicatorReadModel readModel,
            LabRegistry registry,
            @Value("${platform.provisioning.lease:30s}") Duration lease,
            @Value("${platform.provisioning.max-attempts:3}") int maxAttempts,
            ObjectProvider<StepFaults> faults,
            @Value("${platform.provisioning.poll-interval:500ms}") Duration pollInterval) {
        this.jobs = jobs;
        this.platformCore = platformCore;
        this.identities = identities;
        this.audit = audit;
        this.json = json;
        this.targets = targets;
        this.readModel = readModel;
        this.registry = registry;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
        this.faults = faults;
        this.pollInterval = pollInterval;
    }

    /**
     * Provisioning polls on its own thread, never sharing a scheduler with other periodic work (a long organization
     * mirror pass once held new labs QUEUED for minutes).
     */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A job was just committed here: look now rather than at the next poll (half a poll interval saved on average).
     * The same single thread runs it, so this instance never runs two polls at once; other instances still poll.
     */
    void nudge() {
        if (!poller.isShutdown()) {
            poller.execute(this::poll);
        }
    }

    private void poll() {
        try {
            runPendingJobs();
        } catch (RuntimeException e) {
            log.warn("Provisioning poll failed: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
        heartbeats.shutdownNow();
    }

    void runPendingJobs() {
        var claimed = jobs.claim(owner, lease);
        while (claimed.isPresent()) {
            run(claimed.get());
            claimed = jobs.claim(owner, lease);
        }
    }

    private void run(ProvisioningJobs.Claimed job) {
        try {
            runSteps(job);
        } catch (ProvisioningJobs.LeaseLostException lost) {
            // Another instance holds the job now and continues it; this one changes nothing more.
            log.info("Stopped job {}: {}", job.id(), lost.getMessage());
        }
    }

    private void runSteps(ProvisioningJobs.Claimed job) {
        ProvisioningJobs.Lease held = job.lease();
        LabRequest request = json.readValue(job.requestJson(), LabRequest.class);
        for (ProvisioningStep step : jobs.stepsWithStatus(job.id(), "PENDING", "RUNNING", "FAILED")) {
            if (!jobs.renew(held, lease)) {
                throw new ProvisioningJobs.LeaseLostException(held);
            }
            jobs.markStep(held, step, "RUNNING", null);
            try (Heartbeat beat = heartbeat(held)) {
                execute(step, held, job.labId(), request);
            } catch (ProvisioningJobs.LeaseLostException lost) {
                throw lost;
            } catch (RuntimeException e) {
                String error = step + ": " + e.getMessage();
                jobs.markStep(held, step, "FAILED", error);
                if (job.attempts() + 1 < maxAttempts) {
                    log.warn(
                            "Provisioning {} failed at {} (attempt {} of {}), retrying: {}",
                            request.slug(),
                            step,
                            job.attempts() + 1,
                            maxAttempts,
                            e.toString());
                    jobs.retryLater(held, error, Duration.ofSeconds(2L * (job.attempts() + 1)));
                } else {
                    log.warn(
                            "Provisioning {} failed at {} after {} attempts; undoing: {}",
                            request.slug(),
                            step,
                            maxAttempts,
                            e.toString());
                    List<ProvisioningStep> left = undo(job, request);
                    jobs.finish(
                            held,
                            false,
                            left.isEmpty()
                                    ? error
                                    : error + " (not undone yet: " + left + "; a retry continues from there)");
                }
                return;
            }
            jobs.markStep(held, step, "DONE", null);
        }
        jobs.finish(held, true, null);
        audit.record("provisioning", "LAB_ACTIVE", job.labId(), Map.of("slug", request.slug(), "job", job.id()));
        log.info("Lab {} is ACTIVE", request.slug());
    }

    /** Keeps renewing the lease while one step runs, however long its calls take; stopped when the step ends. */
    private Heartbeat heartbeat(ProvisioningJobs.Lease held) {
        long period = Math.max(100, lease.toMillis() / 3);
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(
                () -> {
                    try {
                        jobs.renew(held, lease);
                    } catch (RuntimeException e) {
                        log.debug("Renewing the lease of job {} failed: {}", held.jobId(), e.toString());
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        return () -> beat.cancel(false);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private interface Heartbeat extends AutoCloseable {

        @Override
        void close();
    }

    private void execute(ProvisioningStep step, ProvisioningJobs.Lease held, UUID labId, LabRequest request) {
        faults.ifAvailable(f -> f.before(step, labId));
        switch (step) {
            case REGISTER -> {}
            case SCHEMA -> platformCore.createTenant(labId, request.slug());
            case MIGRATE -> platformCore.migrate(labId);
            case ORGANIZATION ->
                jobs.setOrganization(
                        held, labId, identities.ensureOrganization(labId.toString(), request.slug(), request.name()));
            case INVITE -> {
                String organization = identities.ensureOrganization(labId.toString(), request.slug(), request.name());
                String subject = identities.invite(organization, request.adminEmail());
                platformCore.seat(labId, subject, List.of("lab-admin"));
            }
            case TEMPLATE -> {
                if (request.restoreFromExport() != null) {
                    // The archived lab's data replaces the new schema's, its own lab-admins included; nobody else is
                    // seated (the request named one of them: ProvisioningController).
                    platformCore.restore(labId, request.restoreFromExport());
                    // The archived lab's indicators come back with its outbox, under the new lab: counted once.
                    jobs.archivedExport(request.restoreFromExport())
                            .flatMap(export -> registry.byId(export.fromLab()))
                            .ifPresent(archived -> readModel.forget(archived.id(), archived.region()));
                    audit.record(
                            jobs.requestedBy(held.jobId()),
                            "LAB_RESTORED",
                            labId,
                            Map.of("slug", request.slug(), "exportId", request.restoreFromExport()));
                }
                ObjectNode template = template(request);
                JsonNode carried = template.remove("targets");
                platformCore.applyTemplate(labId, template);
                if (carried != null && carried.isObject()) {
                    Map<String, Long> yearly = new java.util.HashMap<>();
                    carried.properties()
                            .forEach(target -> yearly.put(
                                    target.getKey(), target.getValue().asLong()));
                    targets.setAll(
                            labId, LocalDate.now(ZoneId.of("Asia/Bishkek")).getYear(), yearly);
                }
            }
            case ACTIVATE -> {
                platformCore.resume(labId);
                jobs.setLabStatus(held, labId, LabStatus.ACTIVE);
            }
        }
    }

    /** The starter template (another lab's structure, when asked for) with the new lab's own name and language. */
    private ObjectNode template(LabRequest request) {
        ObjectNode template = json.createObjectNode();
        if (request.template() != null && !request.template().isBlank()) {
            template = (ObjectNode) jobs.templateContent(request.template())
                    .map(json::readTree)
                    .orElseThrow(() -> new IllegalStateException("No template " + request.template()));
        } else if (request.templateFromLab() != null
                && !request.templateFromLab().isBlank()) {
            UUID source = jobs.labIdOf(request.templateFromLab())
                    .orElseThrow(() -> new IllegalStateException("No lab " + request.templateFromLab() + " to copy"));
            template = (ObjectNode) platformCore.captureTemplate(source);
        }
        ObjectNode branding =
                template.has("branding") ? (ObjectNode) template.get("branding") : template.putObject("branding");
        branding.put("displayName", request.name());
        branding.put("defaultLanguage", request.languages().get(0));
        return template;
    }

    /** Undoes the finished steps in reverse; what is already gone counts as undone. Returns the steps it could not undo. */
    private List<ProvisioningStep> undo(ProvisioningJobs.Claimed job, LabRequest request) {
        ProvisioningJobs.Lease held = job.lease();
        List<ProvisioningStep> left = new java.util.ArrayList<>();
        List<ProvisioningStep> done = jobs.stepsWithStatus(job.id(), "DONE", "FAILED");
        for (int i = done.size() - 1; i >= 0; i--) {
            ProvisioningStep step = done.get(i);
            // Never undo what another instance may be finishing: only while this claim still holds the job.
            if (!jobs.renew(held, lease)) {
                throw new ProvisioningJobs.LeaseLostException(held);
            }
            try (Heartbeat beat = heartbeat(held)) {
                switch (step) {
                    case ORGANIZATION, INVITE -> identities.removeOrganization(request.slug());
                    case SCHEMA, MIGRATE, TEMPLATE, ACTIVATE -> platformCore.remove(job.labId());
                    case REGISTER -> jobs.setLabStatus(held, job.labId(), LabStatus.PROVISIONING_FAILED);
                }
                jobs.markStep(held, step, step == ProvisioningStep.REGISTER ? "DONE" : "UNDONE", null);
            } catch (ProvisioningJobs.LeaseLostException lost) {
                throw lost;
            } catch (RuntimeException e) {
                left.add(step);
                log.warn(
                        "Undoing {} of {} failed; a retry will continue from there: {}",
                        step,
                        request.slug(),
                        e.toString());
            }
        }
        audit.record(
                "provisioning", "PROVISIONING_FAILED", job.labId(), Map.of("slug", request.slug(), "job", job.id()));
        return left;
    }
}
