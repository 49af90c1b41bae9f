package org.creativelabs.core.lifecycle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.tenancy.CatalogEntry;
import org.creativelabs.core.tenancy.FleetMigrationReport;
import org.creativelabs.core.tenancy.LabNotFoundException;
import org.creativelabs.core.tenancy.LabSlug;
import org.creativelabs.core.tenancy.MigrationResult;
import org.creativelabs.core.tenancy.TenantCatalog;
import org.creativelabs.core.tenancy.TenantMigrationRunner;
import org.creativelabs.core.tenancy.TenantSchemas;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal tenant API: the only way the catalog, lab roles and lab schemas change. Called by
 * tenant-admin's provisioning (and by tests); never routed by the gateway; loopback only until the identity
 * issue puts a client-credentials role in front of it.
 */
@RestController
@RequestMapping("/internal/tenants")
@Tag(name = "internal-tenants", description = "Lab schemas hosted by platform-core (service to service only)")
class InternalTenantController {

    private final TenantCatalog catalog;
    private final TenantSchemas schemas;
    private final TenantMigrationRunner migrations;
    private final LabExports exports;

    InternalTenantController(
            TenantCatalog catalog, TenantSchemas schemas, TenantMigrationRunner migrations, LabExports exports) {
        this.catalog = catalog;
        this.schemas = schemas;
        this.migrations = migrations;
        this.exports = exports;
    }

    record Restore(@NotNull UUID exportId) {}

    record CreateTenant(@NotNull UUID labId, @NotNull String slug) {}

    @PostMapping
    @Operation(summary = "Create the lab's role and schema (idempotent)")
    ResponseEntity<CatalogEntry> create(@Valid @RequestBody CreateTenant request) {
        TenantSchemas.Created result = schemas.create(request.labId(), new LabSlug(request.slug()));
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result.entry());
    }

    @GetMapping
    List<CatalogEntry> list() {
        return catalog.findAll();
    }

    @GetMapping("/{labId}")
    CatalogEntry get(@PathVariable UUID labId) {
        return find(labId);
    }

    @PostMapping("/{labId}/migrate")
    @Operation(summary = "Bring the lab's schema to the latest version")
    MigrationResult migrate(@PathVariable UUID labId, @RequestParam(defaultValue = "false") boolean force) {
        return migrations.migrate(labId, force);
    }

    @PostMapping("/migrate")
    @Operation(summary = "Migrate every lab that is not archived (or only the failed ones), with bounded parallelism")
    FleetMigrationReport migrateAll(
            @RequestParam(defaultValue = "false") boolean onlyFailed,
            @RequestParam(required = false) @Min(1) @Max(16) Integer parallelism) {
        return parallelism == null ? migrations.migrateAll(onlyFailed) : migrations.migrateAll(onlyFailed, parallelism);
    }

    @PostMapping("/{labId}/resume")
    @Operation(summary = "Serve the lab (first activation or after a suspension)")
    CatalogEntry resume(@PathVariable UUID labId) {
        CatalogEntry lab = find(labId);
        if (lab.archived()) {
            throw TenantSchemas.conflict("archived", lab.slug());
        }
        if (!lab.isCurrentAt(migrations.latestLabVersion())) {
            throw TenantSchemas.conflict(
                    "not-current",
                    lab.slug(),
                    String.valueOf(lab.migrationStatus()),
                    String.valueOf(lab.schemaVersion()));
        }
        catalog.setServing(labId, true);
        return find(labId);
    }

    @PostMapping("/{labId}/suspend")
    @Operation(summary = "Stop serving the lab (423); its data is kept")
    CatalogEntry suspend(@PathVariable UUID labId) {
        find(labId);
        catalog.setServing(labId, false);
        return find(labId);
    }

    @PostMapping("/{labId}/archive")
    @Operation(summary = "Stop serving the lab for good; only an archived lab may be dropped")
    CatalogEntry archive(@PathVariable UUID labId) {
        find(labId);
        catalog.markArchived(labId);
        return find(labId);
    }

    @PostMapping("/{labId}/exports")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Export the lab's data on the server (per-table COPY and a manifest); returns the manifest only")
    LabExports.Manifest export(@PathVariable UUID labId) {
        return exports.export(labId);
    }

    @PostMapping("/{labId}/restore")
    @Operation(summary = "Replace a migrated lab's data with an export's (same schema version), in one transaction")
    LabExports.Manifest restore(@PathVariable UUID labId, @Valid @RequestBody Restore request) {
        return exports.restore(labId, request.exportId().toString());
    }

    @DeleteMapping("/{labId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Drop an archived lab's schema and role; its exports are kept for the retention period")
    void drop(@PathVariable UUID labId) {
        schemas.drop(labId);
        exports.expireWithLab(labId);
    }

    private CatalogEntry find(UUID labId) {
        return catalog.findById(labId).orElseThrow(() -> new LabNotFoundException(labId.toString()));
    }
}
