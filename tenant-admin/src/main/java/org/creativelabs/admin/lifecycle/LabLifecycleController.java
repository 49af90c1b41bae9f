package org.creativelabs.admin.lifecycle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.admin.audit.PlatformAudit;
import org.creativelabs.admin.identity.LabIdentities;
import org.creativelabs.admin.identity.OrganizationMirror;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.admin.registry.LabStatus;
import org.creativelabs.admin.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lab's life after provisioning, and the fleet: suspend (platform-core answers 423, data kept), resume, archive (stops
 * for good), delete after archive (schema, role and organization removed; the registry row stays, so the slug is never
 * reused); list every lab with its schema version and migrate them all. Coordinators only (UNDP may look); every change
 * is audited.
 */
@RestController
@Tag(name = "lifecycle", description = "Suspending, resuming, archiving and deleting labs; fleet upgrades")
class LabLifecycleController {

    record Lab(UUID id, String slug, LabStatus status, UUID exportId) {

        Lab(UUID id, String slug, LabStatus status) {
            this(id, slug, status, null);
        }
    }

    private final JdbcTemplate jdbc;
    private final LabRegistry registry;
    private final PlatformCore platformCore;
    private final LabIdentities identities;
    private final PlatformAudit audit;
    private final OrganizationMirror mirror;
    private final JsonMapper json;

    LabLifecycleController(
            JdbcTemplate jdbc,
            LabRegistry registry,
            PlatformCore platformCore,
            LabIdentities identities,
            PlatformAudit audit,
            OrganizationMirror mirror,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.platformCore = platformCore;
        this.identities = identities;
        this.audit = audit;
        this.mirror = mirror;
        this.json = json;
    }

    @PostMapping("/api/labs/{slug}/suspend")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(summary = "Stop serving the lab (423 for its users); its data is kept")
    Lab suspend(@PathVariable String slug, Authentication caller) {
        Lab lab = change(slug, EnumSet.of(LabStatus.ACTIVE), LabStatus.SUSPENDED, caller);
        platformCore.suspend(lab.id());
        return set(lab, LabStatus.SUSPENDED, caller, "LAB_SUSPENDED");
    }

    @PostMapping("/api/labs/{slug}/resume")
    @PreAuthorize("hasRole('platform-coordinator')")
    Lab resume(@PathVariable String slug, Authentication caller) {
        Lab lab = change(slug, EnumSet.of(LabStatus.SUSPENDED), LabStatus.ACTIVE, caller);
        platformCore.resume(lab.id());
        return set(lab, LabStatus.ACTIVE, caller, "LAB_RESUMED");
    }

    @PostMapping("/api/labs/{slug}/archive")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(
            summary = "Stop the lab for good (it never serves again) and export its data on the server; the export can "
                    + "be restored into a new lab (restoreFromExport), and is kept after the lab is deleted")
    Lab archive(@PathVariable String slug, Authentication caller) {
        Lab lab = change(slug, EnumSet.of(LabStatus.ACTIVE, LabStatus.SUSPENDED), LabStatus.ARCHIVED, caller);
        platformCore.archive(lab.id());
        JsonNode manifest = platformCore.export(lab.id());
        UUID exportId = UUID.fromString(manifest.get("exportId").asString());
        Map<String, Long> rows = new java.util.TreeMap<>();
        manifest.get("tables")
                .forEach(t -> rows.put(t.get("name").asString(), t.get("rows").asLong()));
        String[] labAdmins =
                manifest.get("labAdmins").valueStream().map(JsonNode::asString).toArray(String[]::new);
        jdbc.update(
                "INSERT INTO lab_export (export_id, lab_id, rows, lab_admins) VALUES (?, ?, ?::jsonb, ?)",
                exportId,
                lab.id(),
                json.writeValueAsString(rows),
                labAdmins);
        Lab archived = set(lab, LabStatus.ARCHIVED, caller, "LAB_ARCHIVED");
        audit.record(caller.getName(), "LAB_EXPORTED", lab.id(), Map.of("exportId", exportId));
        return new Lab(archived.id(), archived.slug(), archived.status(), exportId);
    }

    @DeleteMapping("/api/labs/{slug}")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(summary = "Delete an archived lab: its schema, role and organization; the slug stays taken")
    Lab delete(@PathVariable String slug, Authentication caller) {
        Lab lab = change(slug, EnumSet.of(LabStatus.ARCHIVED), LabStatus.DELETED, caller);
        platformCore.remove(lab.id());
        identities.removeOrganization(lab.slug());
        return set(lab, LabStatus.DELETED, caller, "LAB_DELETED");
    }

    @PostMapping("/api/identity/organization-mirror")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(
            summary = "Bring every active lab's organization membership in step with its memberships now; changedOnly: "
                    + "the periodic pass's work (labs changed since their last mirror, plus a sweep page)")
    org.springframework.http.ResponseEntity<?> mirror(@RequestParam(defaultValue = "false") boolean changedOnly) {
        var result = changedOnly ? mirror.mirrorChanged() : mirror.mirrorAll();
        return result.alreadyRunning()
                ? org.springframework.http.ResponseEntity.status(HttpStatus.CONFLICT)
                        .body(Problems.problem(
                                HttpStatus.CONFLICT,
                                "busy",
                                "Another instance is mirroring right now; try again shortly."))
                : org.springframework.http.ResponseEntity.ok(result);
    }

    @GetMapping("/api/fleet/labs")
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    @Operation(summary = "Every lab schema platform-core hosts, with its schema version and migration status")
    JsonNode fleet() {
        return platformCore.tenants();
    }

    @PostMapping("/api/fleet/migrate")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(
            summary =
                    "Migrate every lab to the latest schema (bounded parallelism); onlyFailed retries the failed ones")
    JsonNode migrateAll(@RequestParam(defaultValue = "false") boolean onlyFailed, Authentication caller) {
        JsonNode report = platformCore.migrateAll(onlyFailed);
        audit.record(caller.getName(), "FLEET_MIGRATED", null, Map.of("onlyFailed", onlyFailed));
        return report;
    }

    private Lab change(String slug, EnumSet<LabStatus> from, LabStatus to, Authentication caller) {
        Lab lab = registry.bySlug(slug)
                .map(l -> new Lab(l.id(), l.slug(), l.status()))
                .orElseThrow(() ->
                        Problems.exception(HttpStatus.NOT_FOUND, "lab-not-found", "There is no lab \"" + slug + "\"."));
        if (!from.contains(lab.status())) {
            throw Problems.exception(
                    HttpStatus.CONFLICT,
                    "lifecycle",
                    "Lab \"" + slug + "\" is " + lab.status() + "; it can become " + to + " only from "
                            + String.join(
                                    " or ",
                                    from.stream().map(LabStatus::name).sorted().toList()) + ".");
        }
        return lab;
    }

    private Lab set(Lab lab, LabStatus status, Authentication caller, String action) {
        registry.setStatus(lab.id(), status);
        audit.record(caller.getName(), action, lab.id(), Map.of("slug", lab.slug(), "from", lab.status()));
        return new Lab(lab.id(), lab.slug(), status);
    }
}
