package org.creativelabs.admin.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.admin.registry.LabStatus;
import org.creativelabs.admin.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Provisioning jobs and their steps in the platform schema; leasing makes one instance run a job at a time. */
@Repository
class ProvisioningJobs {

    record Claimed(UUID id, UUID labId, String requestJson, int attempts, Lease lease) {}

    /** Who holds a job's lease, and which claim of it: every state change names both (a fencing token). */
    record Lease(UUID jobId, String owner, long version) {}

    /** This instance's lease ran out and another instance holds the job now: stop, change nothing more. */
    static final class LeaseLostException extends RuntimeException {

        LeaseLostException(Lease lease) {
            super("Job " + lease.jobId() + " is no longer leased by " + lease.owner() + " (claim " + lease.version()
                    + ")");
        }
    }

    private static final String HELD =
            "EXISTS (SELECT 1 FROM provisioning_job WHERE id = ? AND lease_owner = ? " + "AND lease_version = ?)";

    private final JdbcTemplate jdbc;
    private final LabRegistry registry;

    ProvisioningJobs(JdbcTemplate jdbc, LabRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /** The registry row and the job with all its steps, REGISTER already done: one transaction. */
    @Transactional
    UUID create(
            UUID labId,
            LabRequest request,
            String requestJson,
            String hash,
            String requestedBy,
            String idempotencyKey) {
        registry.register(labId, request.slug(), request.name(), request.region(), request.languages());
        UUID jobId = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO provisioning_job (id, lab_id, requested_by, idempotency_key, request, request_hash, status) "
                        + "VALUES (?, ?, ?, ?, ?::jsonb, ?, 'QUEUED')",
                jobId,
                labId,
                requestedBy,
                idempotencyKey,
                requestJson,
                hash);
        if (request.restoreFromExport() != null
                && jdbc.update(
                                "UPDATE lab_export SET restored_into = ? "
                                        + "WHERE export_id = ?::uuid AND restored_into IS NULL",
                                labId,
                                request.restoreFromExport())
                        == 0) {
            // Rolls the whole request back: an export is restored into at most one lab.
            throw Problems.exception(
                    HttpStatus.CONFLICT,
                    "export-restored",
                    "Export " + request.restoreFromExport()
                            + " was already restored into a lab; an export is restored at most once.",
                    Map.of("field", "restoreFromExport"));
        }
        for (ProvisioningStep step : ProvisioningStep.values()) {
            jdbc.update(
                    "INSERT INTO provisioning_step (job_id, step, position, status, finished_at) VALUES (?, ?, ?, ?, "
                            + "CASE WHEN ? THEN now() END)",
                    jobId,
                    step.name(),
                    step.ordinal(),
                    step == ProvisioningStep.REGISTER ? "DONE" : "PENDING",
                    step == ProvisioningStep.REGISTER);
        }
        return jobId;
    }

    /** An archived lab's export as a restore needs it: the lab it came from and its lab-admins' subjects. */
    record ArchivedExport(UUID exportId, UUID fromLab, List<String> labAdmins) {}

    Optional<ArchivedExport> archivedExport(String exportId) {
        return jdbc
                .query(
                        "SELECT export_id, lab_id, lab_admins FROM lab_export WHERE export_id = ?::uuid",
                        (rs, row) -> new ArchivedExport(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getArray(3) == null
                                        ? null
                                        : List.of((String[]) rs.getArray(3).getArray())),
                        exportId)
                .stream()
                .findFirst();
    }

    String requestedBy(UUID jobId) {
        return jdbc.queryForObject("SELECT requested_by FROM provisioning_job WHERE id = ?", String.class, jobId);
    }

    Optional<UUID> byIdempotencyKey(String requestedBy, String key) {
        return jdbc
                .queryForList(
                        "SELECT id FROM provisioning_job WHERE requested_by = ? AND idempotency_key = ?",
                        UUID.class,
                        requestedBy,
                        key)
                .stream()
                .findFirst();
    }

    /** The latest job of the lab with this slug, with its request's hash. */
    Optional<String[]> latestForSlug(String slug) {
        return registry.bySlug(slug)
                .flatMap(lab -> jdbc
                        .query(
                                "SELECT id, request_hash FROM provisioning_job WHERE lab_id = ? "
                                        + "ORDER BY created_at DESC LIMIT 1",
                                (rs, row) -> new String[] {rs.getString(1), rs.getString(2)},
                                lab.id())
                        .stream()
                        .findFirst());
    }

    String hashOf(UUID jobId) {
        return jdbc.queryForObject("SELECT request_hash FROM provisioning_job WHERE id = ?", String.class, jobId);
    }

    /**
     * Leases the oldest runnable job whose lease is free or expired, for {@code lease}: two instances never get the
     * same job, and a crashed instance's job comes back when its lease runs out.
     */
    @Transactional
    Optional<Claimed> claim(String owner, Duration lease) {
        return jdbc
                .query(
                        """
                UPDATE provisioning_job SET status = 'RUNNING', lease_owner = ?, lease_until = now() + make_interval(secs => ?),
                  lease_version = lease_version + 1, updated_at = now()
                WHERE id = (SELECT id FROM provisioning_job WHERE status IN ('QUEUED', 'RUNNING')
                            AND (lease_until IS NULL OR lease_until < now())
                            ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, lab_id, request::text, attempts, lease_version""",
                        (rs, row) -> new Claimed(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getInt(4),
                                new Lease(rs.getObject(1, UUID.class), owner, rs.getLong(5))),
                        owner,
                        seconds(lease))
                .stream()
                .findFirst();
    }

    /** Extends the lease while this claim still holds it; false when another instance took the job over. */
    boolean renew(Lease lease, Duration duration) {
        return jdbc.update(
                        "UPDATE provisioning_job SET lease_until = now() + make_interval(secs => ?), updated_at = now() "
                                + "WHERE id = ? AND lease_owner = ? AND lease_version = ? AND status = 'RUNNING'",
                        seconds(duration),
                        lease.jobId(),
                        lease.owner(),
                        lease.version())
                == 1;
    }

    List<ProvisioningStep> stepsWithStatus(UUID jobId, String... statuses) {
        return jdbc
                .queryForList(
                        "SELECT step FROM provisioning_step WHERE job_id = ? AND status = ANY (?::text[]) ORDER BY position",
                        String.class,
                        jobId,
                        "{" + String.join(",", statuses) + "}")
                .stream()
                .map(ProvisioningStep::valueOf)
                .toList();
    }

    void markStep(Lease lease, ProvisioningStep step, String status, String error) {
        fenced(
                lease,
                jdbc.update(
                        "UPDATE provisioning_step SET status = ?, error = ?, "
                                + "started_at = CASE WHEN ? = 'RUNNING' THEN now() ELSE started_at END, "
                                + "finished_at = CASE WHEN ? IN ('DONE', 'FAILED', 'UNDONE') THEN now() END WHERE job_id = ? AND step = ? AND "
                                + HELD,
                        status,
                        error,
                        status,
                        status,
                        lease.jobId(),
                        step.name(),
                        lease.jobId(),
                        lease.owner(),
                        lease.version()));
    }

    /** A step failed: count the attempt, and let the job be claimed again after {@code backoff}. */
    void retryLater(Lease lease, String error, Duration backoff) {
        fenced(
                lease,
                jdbc.update(
                        "UPDATE provisioning_job SET attempts = attempts + 1, error = ?, lease_owner = NULL, "
                                + "lease_until = now() + make_interval(secs => ?), updated_at = now() WHERE id = ? AND lease_owner = ? "
                                + "AND lease_version = ?",
                        error,
                        seconds(backoff),
                        lease.jobId(),
                        lease.owner(),
                        lease.version()));
    }

    void finish(Lease lease, boolean succeeded, String error) {
        fenced(
                lease,
                jdbc.update(
                        "UPDATE provisioning_job SET status = ?, error = ?, lease_owner = NULL, lease_until = NULL, "
                                + "finished_at = now(), updated_at = now() WHERE id = ? AND lease_owner = ? AND lease_version = ?",
                        succeeded ? "SUCCEEDED" : "FAILED",
                        error,
                        lease.jobId(),
                        lease.owner(),
                        lease.version()));
    }

    /** The lab's registry status, changed only while this claim holds the job (ACTIVE at the end, or failed). */
    @Transactional
    void setLabStatus(Lease lease, UUID labId, LabStatus status) {
        hold(lease);
        registry.setStatus(labId, status);
    }

    @Transactional
    void setOrganization(Lease lease, UUID labId, String organizationId) {
        hold(lease);
        registry.setOrganization(labId, organizationId);
    }

    /** Locks the job row for the rest of the transaction if this claim still holds it; otherwise the lease is lost. */
    private void hold(Lease lease) {
        fenced(
                lease,
                jdbc.queryForList(
                                "SELECT 1 FROM provisioning_job WHERE id = ? AND lease_owner = ? AND lease_version = ? "
                                        + "FOR UPDATE",
                                Integer.class,
                                lease.jobId(),
                                lease.owner(),
                                lease.version())
                        .size());
    }

    private static void fenced(Lease lease, int updated) {
        if (updated == 0) {
            throw new LeaseLostException(lease);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** A failed job runs again from its first unfinished step. */
    @Transactional
    boolean requeue(UUID jobId) {
        int updated = jdbc.update(
                "UPDATE provisioning_job SET status = 'QUEUED', attempts = 0, error = NULL, finished_at = NULL, "
                        + "lease_owner = NULL, lease_until = NULL, updated_at = now() WHERE id = ? AND status = 'FAILED'",
                jobId);
        if (updated == 1) {
            jdbc.update(
                    "UPDATE provisioning_step SET status = 'PENDING', error = NULL, started_at = NULL, finished_at = NULL "
                            + "WHERE job_id = ? AND status IN ('FAILED', 'UNDONE', 'RUNNING')",
                    jobId);
            registry.setStatus(
                    jdbc.queryForObject("SELECT lab_id FROM provisioning_job WHERE id = ?", UUID.class, jobId),
                    LabStatus.PROVISIONING);
        }
        return updated == 1;
    }

    Optional<String> templateContent(String name) {
        return jdbc.queryForList("SELECT content::text FROM lab_template WHERE name = ?", String.class, name).stream()
                .findFirst();
    }

    Optional<UUID> labIdOf(String slug) {
        return registry.active(slug).map(LabRegistry.RegisteredLab::id);
    }

    Optional<JobView> find(UUID jobId) {
        List<JobView.StepView> steps = jdbc.query(
                "SELECT step, status, started_at, finished_at, error FROM provisioning_step "
                        + "WHERE job_id = ? ORDER BY position",
                (rs, row) -> new JobView.StepView(
                        ProvisioningStep.valueOf(rs.getString(1)),
                        rs.getString(2),
                        instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)),
                        rs.getString(5)),
                jobId);
        return jdbc
                .query(
                        "SELECT id, lab_id, request ->> 'slug', status, attempts, error, created_at, finished_at "
                                + "FROM provisioning_job WHERE id = ?",
                        (rs, row) -> new JobView(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getInt(5),
                                rs.getString(6),
                                instant(rs.getTimestamp(7)),
                                instant(rs.getTimestamp(8)),
                                steps),
                        jobId)
                .stream()
                .findFirst();
    }

    private static java.time.Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
