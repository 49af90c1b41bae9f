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

    record Result(int labs, int added, int removed, List<String> failed) {
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
        if (result.added() + result.removed() > 0 || !result.failed().isEmpty()) {
            log.info("Organization mirror: {} labs, {} added, {} removed, failed: {}", result.labs(), result.added(),
                    result.removed(), result.failed());
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

    /** One pass over every active lab; null when another instance is mirroring right now. */
    public Result mirrorAll() {
        return transactions.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return null;
            }
            int labs = 0;
            int added = 0;
            int removed = 0;
            List<String> failed = new java.util.ArrayList<>();
            for (var lab : jdbc.queryForList("SELECT id, slug, organization_id FROM lab WHERE status = 'ACTIVE' "
                    + "AND organization_id IS NOT NULL ORDER BY slug")) {
                labs++;
                try {
                    int[] changes = identities.mirrorMembers((String) lab.get("organization_id"),
                            new HashSet<>(platformCore.activeMembers((UUID) lab.get("id"))));
                    added += changes[0];
                    removed += changes[1];
                } catch (RuntimeException e) {
                    failed.add(lab.get("slug") + ": " + e.getMessage());
                }
            }
            return new Result(labs, added, removed, failed);
        });
    }
}
