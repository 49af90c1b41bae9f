package org.creativelabs.admin.identity;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.creativelabs.admin.provisioning.PlatformCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each active lab's Keycloak organization membership equal to the lab's active memberships (the source of truth,
 * in the lab's own schema): members missing from the organization are added, people who left are removed. Runs
 * periodically, and on demand; with several tenant-admin instances, one at a time (a transaction-scoped advisory lock).
 * The only writer of organization membership besides provisioning's first admin.
 */
@Component
public class OrganizationMirror {

    private static final Logger log = LoggerFactory.getLogger(OrganizationMirror.class);
    private static final long LOCK = 0x6f72_6d69_7272L; // "ormirr"

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
    private final TransactionTemplate transactions;
    private final PlatformCore platformCore;
    private final LabIdentities identities;

    OrganizationMirror(JdbcTemplate jdbc, TransactionTemplate transactions, PlatformCore platformCore, LabIdentities identities) {
        this.jdbc = jdbc;
        this.transactions = transactions;
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
        var lab = jdbc.queryForList("SELECT organization_id FROM lab WHERE id = ? AND status = 'ACTIVE' AND organization_id IS NOT NULL",
                String.class, labId);
        if (lab.isEmpty()) {
            return false;
        }
        identities.mirrorMembers(lab.get(0), new HashSet<>(platformCore.activeMembers(labId)));
        return true;
    }

    /** One pass over every active lab, or {@link Result#busy()} when another instance is mirroring right now. */
    public Result mirrorAll() {
        return transactions.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return Result.busy();
            }
            int labs = 0;
            int added = 0;
            int removed = 0;
            List<String> failed = new java.util.ArrayList<>();
            List<String> unknown = new java.util.ArrayList<>();
            for (var lab : jdbc.queryForList("SELECT id, slug, organization_id FROM lab WHERE status = 'ACTIVE' "
                    + "AND organization_id IS NOT NULL ORDER BY slug")) {
                labs++;
                try {
                    LabIdentities.MirrorChange change = identities.mirrorMembers((String) lab.get("organization_id"),
                            new HashSet<>(platformCore.activeMembers((UUID) lab.get("id"))));
                    added += change.added();
                    removed += change.removed();
                    change.unknown().forEach(subject -> unknown.add(lab.get("slug") + ": " + subject));
                } catch (RuntimeException e) {
                    failed.add(lab.get("slug") + ": " + e.getMessage());
                }
            }
            return new Result(false, labs, added, removed, unknown, failed);
        });
    }
}
