package org.creativelabs.admin.identity;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.admin.registry.LabStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps each active lab's Keycloak organization membership equal to the lab's active memberships (the source of truth,
 * in the lab's own schema): members missing from the organization are added, people who left are removed. A lab is
 * mirrored at once when platform-core reports a change; the periodic pass is incremental and bounded: it mirrors the
 * labs whose memberships changed since their last mirror (a report that could not be mirrored at once), at most
 * {@code changed-page-size} of them, plus the {@code sweep-page-size} least recently mirrored labs, a slow full sweep
 * that catches reports which never arrived. A coordinator can still ask for a full pass ({@link #mirrorAll}). With
 * several tenant-admin instances, one pass at a time (a lease row). The only writer of organization membership
 * besides provisioning's first admin.
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
    public record Result(
            boolean alreadyRunning,
            int labs,
            int added,
            int removed,
            List<String> unknownAccounts,
            List<String> failed) {

        static Result busy() {
            return new Result(true, 0, 0, 0, List.of(), List.of());
        }
    }

    private final JdbcTemplate jdbc;
    private final LabRegistry registry;
    private final PlatformCore platformCore;
    private final LabIdentities identities;
    private final int changedPageSize;
    private final int sweepPageSize;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    OrganizationMirror(
            JdbcTemplate jdbc,
            LabRegistry registry,
            PlatformCore platformCore,
            LabIdentities identities,
            @Value("${platform.identity.changed-page-size:100}") int changedPageSize,
            @Value("${platform.identity.sweep-page-size:25}") int sweepPageSize) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.platformCore = platformCore;
        this.identities = identities;
        this.changedPageSize = changedPageSize;
        this.sweepPageSize = sweepPageSize;
    }

    @Scheduled(
            fixedDelayString = "${platform.identity.mirror-interval:1m}",
            initialDelayString = "${platform.identity.mirror-interval:1m}")
    void repairDrift() {
        Result result = mirrorChanged();
        if (result.alreadyRunning()) {
            log.debug("Organization mirror: another instance is running the pass");
        } else if (result.added() + result.removed() > 0
                || !result.failed().isEmpty()
                || !result.unknownAccounts().isEmpty()) {
            log.info(
                    "Organization mirror: {} labs, {} added, {} removed, unknown accounts skipped: {}, failed: {}",
                    result.labs(),
                    result.added(),
                    result.removed(),
                    result.unknownAccounts().size(),
                    result.failed());
        }
    }

    /**
     * Mirrors one lab now (platform-core reported a change); false when the lab is not active. The change is recorded
     * first, so a mirror that fails here is retried by the next periodic pass.
     */
    public boolean mirrorLab(UUID labId) {
        var lab = registry.byId(labId).filter(l -> l.status() == LabStatus.ACTIVE && l.organizationId() != null);
        if (lab.isEmpty()) {
            return false;
        }
        jdbc.update("""
                INSERT INTO organization_mirror_state (lab_id, changed_at) VALUES (?, now())
                ON CONFLICT (lab_id) DO UPDATE SET changed_at = now()""", labId);
        mirror(lab.get());
        return true;
    }

    /** The periodic pass: the labs that changed since their last mirror, then a page of the least recently mirrored. */
    public Result mirrorChanged() {
        return underLease(() -> {
            List<LabRegistry.RegisteredLab> active = registry.activeWithOrganization();
            Map<UUID, State> states = new HashMap<>();
            jdbc.query("SELECT lab_id, changed_at, mirrored_at FROM organization_mirror_state", rs -> {
                states.put(
                        rs.getObject(1, UUID.class),
                        new State(instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))));
            });
            List<LabRegistry.RegisteredLab> changed = active.stream()
                    .filter(lab ->
                            states.containsKey(lab.id()) && states.get(lab.id()).changedSinceMirrored())
                    .sorted(Comparator.comparing(lab -> states.get(lab.id()).changedAt()))
                    .limit(changedPageSize)
                    .toList();
            List<LabRegistry.RegisteredLab> sweep = active.stream()
                    .filter(lab -> !changed.contains(lab))
                    .sorted(Comparator.comparing(lab -> Optional.ofNullable(states.get(lab.id()))
                            .map(State::mirroredAt)
                            .orElse(Instant.EPOCH)))
                    .limit(sweepPageSize)
                    .toList();
            return mirrorEach(java.util.stream.Stream.concat(changed.stream(), sweep.stream())
                    .toList());
        });
    }

    /**
     * A full pass over every active lab (a coordinator's request), or {@link Result#busy()} when another instance is
     * mirroring right now.
     */
    public Result mirrorAll() {
        return underLease(() -> mirrorEach(registry.activeWithOrganization()));
    }

    private record State(Instant changedAt, Instant mirroredAt) {

        boolean changedSinceMirrored() {
            return changedAt != null && (mirroredAt == null || changedAt.isAfter(mirroredAt));
        }
    }

    /** Holds a lease row (renewed after each lab), never a transaction or a connection, while it calls other services. */
    private Result underLease(java.util.function.Supplier<Result> pass) {
        if (!acquire()) {
            return Result.busy();
        }
        try {
            return pass.get();
        } finally {
            jdbc.update("DELETE FROM scheduled_lease WHERE name = ? AND owner = ?", LEASE, owner);
        }
    }

    private Result mirrorEach(List<LabRegistry.RegisteredLab> labs) {
        int added = 0;
        int removed = 0;
        List<String> failed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (LabRegistry.RegisteredLab lab : labs) {
            try {
                LabIdentities.MirrorChange change = mirror(lab);
                added += change.added();
                removed += change.removed();
                change.unknown().forEach(subject -> unknown.add(lab.slug() + ": " + subject));
            } catch (RuntimeException e) {
                failed.add(lab.slug() + ": " + e.getMessage());
            }
            renew();
        }
        return new Result(false, labs.size(), added, removed, unknown, failed);
    }

    /**
     * Mirrors one lab and records when: the time is taken before platform-core is asked, so a change reported while this
     * runs stays newer than the mirror and is mirrored again.
     */
    private LabIdentities.MirrorChange mirror(LabRegistry.RegisteredLab lab) {
        Timestamp started = jdbc.queryForObject("SELECT now()", Timestamp.class);
        LabIdentities.MirrorChange change =
                identities.mirrorMembers(lab.organizationId(), new HashSet<>(platformCore.activeMembers(lab.id())));
        jdbc.update("""
                INSERT INTO organization_mirror_state (lab_id, mirrored_at) VALUES (?, ?)
                ON CONFLICT (lab_id) DO UPDATE SET mirrored_at = EXCLUDED.mirrored_at""", lab.id(), started);
        return change;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private boolean acquire() {
        return jdbc.update("""
                INSERT INTO scheduled_lease (name, owner, until) VALUES (?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
                WHERE scheduled_lease.until < now() OR scheduled_lease.owner = EXCLUDED.owner""", LEASE, owner, LEASE_SECONDS) == 1;
    }

    private void renew() {
        jdbc.update(
                "UPDATE scheduled_lease SET until = now() + make_interval(secs => ?) WHERE name = ? AND owner = ?",
                LEASE_SECONDS,
                LEASE,
                owner);
    }
}
