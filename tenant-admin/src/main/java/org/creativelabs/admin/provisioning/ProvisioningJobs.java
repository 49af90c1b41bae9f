package org.creativelabs.admin.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Provisioning jobs and their steps in the platform schema; leasing makes one instance run a job at a time. */
@Repository
class ProvisioningJobs {

    record Claimed(UUID id, UUID labId, String requestJson, int attempts) {
    }

    private final JdbcTemplate jdbc;

    ProvisioningJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The registry row and the job with all its steps, REGISTER already done: one transaction. */
    @Transactional
    UUID create(UUID labId, LabRequest request, String requestJson, String hash, String requestedBy, String idempotencyKey) {
        jdbc.update("INSERT INTO lab (id, slug, display_name, region, status, languages) "
                + "VALUES (?, ?, ?, ?, 'PROVISIONING', ?::text[])", labId, request.slug(), request.name(), request.region(),
                "{" + String.join(",", request.languages()) + "}");
        UUID jobId = UUID.randomUUID();
        jdbc.update("INSERT INTO provisioning_job (id, lab_id, requested_by, idempotency_key, request, request_hash, status) "
                + "VALUES (?, ?, ?, ?, ?::jsonb, ?, 'QUEUED')", jobId, labId, requestedBy, idempotencyKey, requestJson, hash);
        for (ProvisioningStep step : ProvisioningStep.values()) {
            jdbc.update("INSERT INTO provisioning_step (job_id, step, position, status, finished_at) VALUES (?, ?, ?, ?, "
                    + "CASE WHEN ? THEN now() END)", jobId, step.name(), step.ordinal(),
                    step == ProvisioningStep.REGISTER ? "DONE" : "PENDING", step == ProvisioningStep.REGISTER);
        }
        return jobId;
    }

    Optional<UUID> byIdempotencyKey(String requestedBy, String key) {
        return jdbc.queryForList("SELECT id FROM provisioning_job WHERE requested_by = ? AND idempotency_key = ?", UUID.class,
                requestedBy, key).stream().findFirst();
    }

    /** The latest job of the lab with this slug, with its request's hash. */
    Optional<String[]> latestForSlug(String slug) {
        return jdbc.query("SELECT j.id, j.request_hash FROM provisioning_job j JOIN lab l ON l.id = j.lab_id WHERE l.slug = ? "
                + "ORDER BY j.created_at DESC LIMIT 1", (rs, row) -> new String[] {rs.getString(1), rs.getString(2)}, slug)
                .stream().findFirst();
    }

    String hashOf(UUID jobId) {
        return jdbc.queryForObject("SELECT request_hash FROM provisioning_job WHERE id = ?", String.class, jobId);
    }

    boolean slugKnown(String slug) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM lab WHERE slug = ?)", Boolean.class, slug));
    }

    /**
     * Leases the oldest runnable job whose lease is free or expired, for {@code lease}: two instances never get the
     * same job, and a crashed instance's job comes back when its lease runs out.
     */
    @Transactional
    Optional<Claimed> claim(String owner, Duration lease) {
        return jdbc.query("""
                UPDATE provisioning_job SET status = 'RUNNING', lease_owner = ?, lease_until = now() + make_interval(secs => ?),
                  updated_at = now()
                WHERE id = (SELECT id FROM provisioning_job WHERE status IN ('QUEUED', 'RUNNING')
                            AND (lease_until IS NULL OR lease_until < now())
                            ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, lab_id, request::text, attempts""",
                (rs, row) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4)),
                owner, (double) lease.toSeconds()).stream().findFirst();
    }

    /** Extends the lease while this instance still holds it; false when another instance took the job over. */
    boolean renew(UUID jobId, String owner, Duration lease) {
        return jdbc.update("UPDATE provisioning_job SET lease_until = now() + make_interval(secs => ?), updated_at = now() "
                + "WHERE id = ? AND lease_owner = ? AND status = 'RUNNING'", (double) lease.toSeconds(), jobId, owner) == 1;
    }

    List<ProvisioningStep> stepsWithStatus(UUID jobId, String... statuses) {
        return jdbc.queryForList("SELECT step FROM provisioning_step WHERE job_id = ? AND status = ANY (?::text[]) ORDER BY position",
                String.class, jobId, "{" + String.join(",", statuses) + "}")
                .stream().map(ProvisioningStep::valueOf).toList();
    }

    void markStep(UUID jobId, ProvisioningStep step, String status, String error) {
        jdbc.update("UPDATE provisioning_step SET status = ?, error = ?, "
                + "started_at = CASE WHEN ? = 'RUNNING' THEN now() ELSE started_at END, "
                + "finished_at = CASE WHEN ? IN ('DONE', 'FAILED', 'UNDONE') THEN now() END WHERE job_id = ? AND step = ?",
                status, error, status, status, jobId, step.name());
    }

    /** A step failed: count the attempt, and let the job be claimed again after {@code backoff}. */
    void retryLater(UUID jobId, String error, Duration backoff) {
        jdbc.update("UPDATE provisioning_job SET attempts = attempts + 1, error = ?, lease_owner = NULL, "
                + "lease_until = now() + make_interval(secs => ?), updated_at = now() WHERE id = ?",
                error, (double) backoff.toSeconds(), jobId);
    }

    void finish(UUID jobId, boolean succeeded, String error) {
        jdbc.update("UPDATE provisioning_job SET status = ?, error = ?, lease_owner = NULL, lease_until = NULL, "
                + "finished_at = now(), updated_at = now() WHERE id = ?", succeeded ? "SUCCEEDED" : "FAILED", error, jobId);
    }

    /** A failed job runs again from its first unfinished step. */
    @Transactional
    boolean requeue(UUID jobId) {
        int updated = jdbc.update("UPDATE provisioning_job SET status = 'QUEUED', attempts = 0, error = NULL, finished_at = NULL, "
                + "lease_owner = NULL, lease_until = NULL, updated_at = now() WHERE id = ? AND status = 'FAILED'", jobId);
        if (updated == 1) {
            jdbc.update("UPDATE provisioning_step SET status = 'PENDING', error = NULL, started_at = NULL, finished_at = NULL "
                    + "WHERE job_id = ? AND status IN ('FAILED', 'UNDONE', 'RUNNING')", jobId);
            jdbc.update("UPDATE lab SET status = 'PROVISIONING', updated_at = now() WHERE id = (SELECT lab_id FROM provisioning_job WHERE id = ?)",
                    jobId);
        }
        return updated == 1;
    }

    Optional<String> templateContent(String name) {
        return jdbc.queryForList("SELECT content::text FROM lab_template WHERE name = ?", String.class, name).stream().findFirst();
    }

    Optional<UUID> labIdOf(String slug) {
        return jdbc.queryForList("SELECT id FROM lab WHERE slug = ? AND status = 'ACTIVE'", UUID.class, slug).stream().findFirst();
    }

    void setLabStatus(UUID labId, String status) {
        jdbc.update("UPDATE lab SET status = ?, updated_at = now() WHERE id = ?", status, labId);
    }

    void setOrganization(UUID labId, String organizationId) {
        jdbc.update("UPDATE lab SET organization_id = ?, updated_at = now() WHERE id = ?", organizationId, labId);
    }

    Optional<JobView> find(UUID jobId) {
        List<JobView.StepView> steps = jdbc.query("SELECT step, status, started_at, finished_at, error FROM provisioning_step "
                + "WHERE job_id = ? ORDER BY position", (rs, row) -> new JobView.StepView(ProvisioningStep.valueOf(rs.getString(1)),
                rs.getString(2), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), rs.getString(5)), jobId);
        return jdbc.query("SELECT j.id, j.lab_id, l.slug, j.status, j.attempts, j.error, j.created_at, j.finished_at "
                + "FROM provisioning_job j JOIN lab l ON l.id = j.lab_id WHERE j.id = ?",
                (rs, row) -> new JobView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), steps), jobId)
                .stream().findFirst();
    }


    private static java.time.Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
