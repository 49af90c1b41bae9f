package org.creativelabs.core.tenancy;

import java.time.Instant;
import java.util.UUID;

/** One row of the tenant catalog: a lab schema hosted by platform-core. */
public record CatalogEntry(
        UUID labId,
        String slug,
        String schemaName,
        String roleName,
        String schemaVersion,
        MigrationStatus migrationStatus,
        String migrationError,
        boolean serving,
        Instant archivedAt,
        Instant createdAt,
        Instant migratedAt) {

    Lab lab() {
        return new Lab(labId, slug, schemaName);
    }

    public boolean archived() {
        return archivedAt != null;
    }

    public boolean isCurrentAt(String version) {
        return migrationStatus == MigrationStatus.CURRENT && version.equals(schemaVersion);
    }
}
