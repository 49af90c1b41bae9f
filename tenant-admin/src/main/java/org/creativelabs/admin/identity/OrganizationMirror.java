package org.creativelabs.admin.identity;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.admin.registry.LabStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps each active lab's Keycloak organization membership equal to the lab's active memberships (the source of truth,
 * in the lab's own schema): members missing from the organization are added, people who left are removed. Runs
 * periodically, and on demand; with several tenant-admin instances, one at a time (a lease row, see {@link #mirrorAll}).
 * The only writer of organization membership besides provisioning's first admin.
 */
@Component
public class OrganizationMirror {

    private static final Logger log = LoggerFactory.getLogger(OrganizationMirror.class);
    /** The pass's lease: one instance at a time; a crashed instance's lease runs out after two minutes. */
    public static final String LEASE = "organization-mirror";
    private static final int LEASE_SECONDS = 120;

    /**
     * One pass: {@code alreadyRunning} when another instance holds the pass (nothing was done here); accounts that no
     * longer exist in Keycloak are listed per lab and skipped; a lab that failed is listed and the others still run.
     */
    public record Result(boolean alreadyRunning, int labs, int added, int removed, List<String> unknownAccounts,
            List<String> failed) {

        static Result busy() {
            return new Result(true, 0, 0, 0, List.of(), List.of());
        }
    }

    private final JdbcTemplate jdbc;
    private final LabRegistry registry;
    private final PlatformCore platformCore;
    private final LabIdentities identities;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    OrganizationMirror(JdbcTemplate jdbc, LabRegistry registry, PlatformCore platformCore, LabIdentities identities) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.platformCore = platformCore;
        this.identities = identities;
    }

    @Scheduled(fixedDelayString = "${platform.identity.mirror-interval:5m}", initialDelayString = "${platform.identity.mirror-interval:5m}")
    void repairDrift() {
        Result result = mirrorAll();
        if (result.alreadyRunning()) {
            log.debug("Organization mirror: another instance is running the pass");
        } else if (result.added() + result.removed() > 0 || !result.failed().isEmpty() || !result.unknownAccounts().isEmpty()) {
            log.info("Organization mirror: {} labs, {} added, {} removed, unknown accounts skipped: {}, failed: {}",
                    result.labs(), result.added(), result.removed(), result.unknownAccounts().size(), result.failed());
        }
    }

    /** Mirrors one lab now (platform-core reported a change); false when the lab is not active. */
    public boolean mirrorLab(UUID labId) {
        var lab = registry.byId(labId).filter(l -> l.status() == LabStatus.ACTIVE && l.organizationId() != null);
        if (lab.isEmpty()) {
            return false;
        }
        identities.mirrorMembers(lab.get().organizationId(), new HashSet<>(platformCore.activeMembers(labId)));
        return true;
    }

    /**
     * One pass over every active lab, or {@link Result#busy()} when another instance is mirroring right now. The pass
     * holds a lease row (renewed after each lab), never a transaction or a connection, while it calls Keycloak and
     * platform-core.
     */
    public Result mirrorAll() {
        if (!acquire()) {
            return Result.busy();
        }
        try {
            int labs = 0;
            int added = 0;
            int removed = 0;
            List<String> failed = new java.util.ArrayList<>();
            List<String> unknown = new java.util.ArrayList<>();
            for (LabRegistry.RegisteredLab lab : registry.activeWithOrganization()) {
                labs++;
                try {
                    LabIdentities.MirrorChange change = identities.mirrorMembers(lab.organizationId(),
                            new HashSet<>(platformCore.activeMembers(lab.id())));
                    added += change.added();
                    removed += change.removed();
                    change.unknown().forEach(subject -> unknown.add(lab.slug() + ": " + subject));
                } catch (RuntimeException e) {
                    failed.add(lab.slug() + ": " + e.getMessage());
                }
                renew();
            }
            return new Result(false, labs, added, removed, unknown, failed);
        } finally {
            jdbc.update("DELETE FROM scheduled_lease WHERE name = ? AND owner = ?", LEASE, owner);
        }
    }

    private boolean acquire() {
        return jdbc.update("""
                INSERT INTO scheduled_lease (name, owner, until) VALUES (?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
                WHERE scheduled_lease.until < now() OR scheduled_lease.owner = EXCLUDED.owner""",
                LEASE, owner, LEASE_SECONDS) == 1;
    }

    private void renew() {
        jdbc.update("UPDATE scheduled_lease SET until = now() + make_interval(secs => ?) WHERE name = ? AND owner = ?",
                LEASE_SECONDS, LEASE, owner);
    }
}
